using Elastic.Clients.Elasticsearch;
using Elastic.Clients.Elasticsearch.Core.Bulk;

namespace Marketplace.Search.Engines.Elasticsearch;

/// <summary>
/// <c>_bulk</c>: live writes through the alias (and into an index a rebuild is loading), and a rebuild's loads. Each
/// item of the answer is checked: the request answers 200 even when items fail.
/// </summary>
internal sealed class ElasticsearchWrites(ElasticsearchIndex index, ElasticsearchTransport transport)
{
    /// <summary>
    /// Upserts and deletes through the alias and, while a rebuild runs (in any process), into the index it loads — so
    /// nothing committed during the rebuild is lost at the swap.
    /// </summary>
    public Task WriteLiveAsync(IReadOnlyCollection<SearchDocument> upserts, IReadOnlyCollection<Guid> deletes, CancellationToken ct) =>
        index.GuardAsync(async () =>
        {
            await index.EnsureReadyAsync(ct);
            var targets = new List<BulkTarget> { new(index.Alias, IsAlias: true) };
            targets.AddRange((await index.RebuildTargetsAsync(ct)).Select(name => new BulkTarget(name, IsAlias: false)));
            await BulkAsync(Request(targets, upserts, deletes), ct);
        });

    /// <summary>
    /// Painless, run by Elasticsearch on the stored document of each <c>update</c> action of
    /// <see cref="UpdateStockAsync"/>: only a newer change (by row version) is applied, anything else is a
    /// <c>noop</c>. A partial <c>doc</c> cannot carry that condition, and without it an event redelivered after a newer
    /// one (the outbox retries out of order) would bring an old stock back.
    /// </summary>
    public const string StockScript =
        "if (ctx._source.version < params.version) { ctx._source.stock = params.stock; ctx._source.version = params.version } else { ctx.op = 'noop' }";

    /// <summary>
    /// Partial updates of the stock (and version) of documents in place — no product re-read, no full document sent —
    /// through the alias and into an index being rebuilt. Returns the ids with no document behind the alias (the caller
    /// indexes those in full). A document missing from the index being rebuilt is not reported: that rebuild reads the
    /// store after its marker exists, so it loads the new stock itself.
    /// </summary>
    public Task<IReadOnlyCollection<Guid>> UpdateStockAsync(IReadOnlyCollection<StockChange> changes, CancellationToken ct) =>
        index.GuardAsync<IReadOnlyCollection<Guid>>(async () =>
        {
            await index.EnsureReadyAsync(ct);
            var rebuilding = await index.RebuildTargetsAsync(ct);
            var targets = new List<BulkTarget> { new(index.Alias, IsAlias: true) };
            targets.AddRange(rebuilding.Select(name => new BulkTarget(name, IsAlias: false)));
            var failures = await SendAsync(StockRequest(targets, changes), ct);
            var missing = failures.Where(f => f.ErrorType == DocumentMissing).ToList();
            Fail([.. failures.Except(missing)]);
            return [.. missing.Where(f => f.Index is null || !rebuilding.Contains(f.Index)).Select(f => Guid.Parse(f.Id!)).Distinct()];
        });

    /// <summary>The item error of an <c>update</c> whose document does not exist (404).</summary>
    public const string DocumentMissing = "document_missing_exception";

    /// <summary>
    /// One scripted <c>update</c> action per product and target (the newest change of a product when a batch has
    /// several); writes to the alias carry <c>require_alias</c>. <c>retry_on_conflict</c>: two updates of one document
    /// at the same moment make the later one re-read and re-run the script instead of failing.
    /// </summary>
    public static BulkRequest StockRequest(IEnumerable<BulkTarget> targets, IReadOnlyCollection<StockChange> changes)
    {
        var newest = changes.GroupBy(c => c.ProductId).Select(g => g.MaxBy(c => c.Version)!).ToList();
        var operations = new BulkOperationsCollection();
        foreach (var target in targets)
        {
            foreach (var change in newest)
            {
                operations.Add(new BulkUpdateOperationWithScript(ProductSource.Id(change.ProductId), target.Index, new Script
                {
                    Source = StockScript,
                    Lang = ScriptLanguage.Painless,
                    Params = new Dictionary<string, object> { ["stock"] = change.Stock, ["version"] = change.Version },
                })
                {
                    RequireAlias = target.IsAlias ? true : null,
                    RetryOnConflict = 3,
                });
            }
        }

        return new BulkRequest { Operations = operations };
    }

    /// <summary>A batch of a rebuild, into the index being built.</summary>
    public Task LoadAsync(string target, IReadOnlyCollection<SearchDocument> documents, CancellationToken ct) =>
        index.GuardAsync(() => BulkAsync(Request([new BulkTarget(target, IsAlias: false)], documents, []), ct));

    /// <summary>
    /// An <c>index</c> action (create or replace: upserts are idempotent) per document and a <c>delete</c> per id, into
    /// every target. Writes to the alias carry <c>require_alias</c>, so a missing alias fails the item instead of
    /// silently creating an index with a guessed mapping.
    /// </summary>
    public static BulkRequest Request(IEnumerable<BulkTarget> targets, IReadOnlyCollection<SearchDocument> upserts, IReadOnlyCollection<Guid> deletes)
    {
        var sources = upserts.Select(ProductSource.From).ToList();
        var operations = new BulkOperationsCollection();
        foreach (var target in targets)
        {
            foreach (var source in sources)
            {
                operations.Add(new BulkIndexOperation<ProductSource>(source, target.Index)
                {
                    Id = source.ProductId,
                    RequireAlias = target.IsAlias ? true : null,
                });
            }

            foreach (var id in deletes)
            {
                operations.Add(new BulkDeleteOperation(ProductSource.Id(id)) { Index = target.Index });
            }
        }

        return new BulkRequest { Operations = operations };
    }

    private async Task BulkAsync(BulkRequest request, CancellationToken ct) => Fail(await SendAsync(request, ct));

    private async Task<IReadOnlyList<BulkItemFailure>> SendAsync(BulkRequest request, CancellationToken ct)
    {
        request.RequestConfiguration = transport.Config(bulk: true);
        var answer = await transport.SendAsync(c => c.BulkAsync(request, ct), ct, bulk: true);
        return Failures(answer);
    }

    /// <summary>Throws for failed items: all retryable (or a missing index) → unavailable, otherwise refused.</summary>
    private void Fail(IReadOnlyList<BulkItemFailure> failures)
    {
        if (failures.Count == 0)
        {
            return;
        }

        var summary = $"{failures.Count} bulk item(s) failed, e.g. {failures[0]}";
        if (failures.Any(f => f.ErrorType == "index_not_found_exception"))
        {
            index.MarkMissing();
        }

        if (failures.All(f => f.Retryable || f.ErrorType == "index_not_found_exception"))
        {
            throw new ElasticsearchUnavailableException(summary);
        }

        // A refused document (mapping conflict, …): throwing keeps the event in the outbox, retried and visible in the logs.
        throw new ElasticsearchRequestException(failures.First(f => !f.Retryable).Status, failures[0].ErrorType, summary, "POST /_bulk");
    }

    /// <summary>
    /// The items carrying an <c>error</c> (with <c>errors: true</c> at the top). A delete of an absent id is
    /// <c>result: not_found</c> with no error: not a failure.
    /// </summary>
    public static IReadOnlyList<BulkItemFailure> Failures(BulkResponse answer)
    {
        if (!answer.Errors)
        {
            return [];
        }

        List<BulkItemFailure> failures =
        [
            .. answer.Items.Where(item => item.Error is not null).Select(item => new BulkItemFailure(
                item.Operation, item.Index, item.Id, item.Status, item.Error!.Type,
                item.Error.CausedBy is { Reason: { } cause } && cause != item.Error.Reason ? $"{item.Error.Reason} ({cause})" : item.Error.Reason)),
        ];
        if (failures.Count == 0)
        {
            // errors: true without a readable failed item: do not pretend the batch went through.
            failures.Add(new BulkItemFailure("bulk", null, null, 500, null, "errors: true without failed items"));
        }

        return failures;
    }
}

/// <summary>An index or alias a bulk request writes to.</summary>
internal readonly record struct BulkTarget(string Index, bool IsAlias);
