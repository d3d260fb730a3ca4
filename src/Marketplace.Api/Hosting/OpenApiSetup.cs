using System.Reflection;
using System.Security.Claims;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.OpenApi;
using Microsoft.OpenApi;

namespace Marketplace.Api.Hosting;

/// <summary>
/// The v1 document, made for client generators and linters as much as for /docs: every operation says whether it needs
/// a token, what it answers with when it does not get one, and the main request bodies carry an example. The committed
/// copy in docs/openapi.json is checked against it by the API tests (docs/api.md says how to regenerate it).
/// </summary>
internal static class OpenApiSetup
{
    public const string BearerScheme = "Bearer";

    /// <summary>
    /// The /docs page (Scalar) on top of the strict default: its inline start-up script is allowed by hash (the
    /// page is buffered and hashed), its styles are inline, and it calls the API and fetches fonts from its origin.
    /// </summary>
    public static void DocsPagePolicy(Marketplace.BuildingBlocks.Http.ContentSecurityPolicy policy) =>
        policy.Allow("style-src", "'unsafe-inline'").Allow("font-src", "data:");

    /// <summary>One description per tag; a tag used by an endpoint but missing here fails the lint tests (tag-description).</summary>
    private static readonly (string Name, string Description)[] Tags =
    [
        ("Identity", "Accounts and sign-in: register, log in, refresh and revoke tokens, the signed-in account."),
        ("Taxonomy", "Reference data: the 17 creative-economy sub-sectors, Indonesia's provinces and cities/regencies with official codes."),
        ("Storefronts", "Shops of the makers: open, edit, browse; verification and suspension by admins."),
        ("Products", "A shop's products: drafts, publishing, stock, and the product page with its licences (P-IRT, halal, BPOM)."),
        ("Search", "Full-text product search (Indonesian and English) with filters, facets and suggestions."),
        ("Cart", "The shopping cart of a signed-in shopper or of a guest (X-Cart-Token), priced today."),
        ("Vouchers", "Discount codes, marketplace-wide (admins) or for one shop (its owner)."),
        ("Checkout", "Turning the cart into orders, one per shop, with reserved stock; idempotent by Idempotency-Key."),
        ("Orders", "Orders after checkout: payment confirmation, shipping, completion, cancellation."),
        ("Payments", "Payment provider callbacks (Stripe webhooks)."),
        ("Exhibitions", "Virtual exhibitions hosted by organisers such as city governments: create, publish, browse."),
        ("Booths", "Booths at an exhibition: applications, approval, the hall directory, dressing a booth, visits."),
        ("Leads", "Enquiries visitors leave at a booth (questions, quotes, samples, partnerships) and their follow-up."),
        ("Analytics", "Numbers for organisers and exhibitors: visits, unique visitors, leads, attributed sales."),
        ("Reviews", "Verified buyers' reviews of purchased order lines, the shop's answer, helpful votes, reports and moderation; product and shop ratings."),
        ("Wishlist", "Products a shopper saved for later, shown with their current price and availability."),
        ("Following", "Following shops and exhibitions, to be told about new products, live booths, openings and live sessions."),
        ("Conversations", "Live conversations between visitors and exhibitors at a booth (or a shop that is online): history, unread counts, read receipts, product cards, leads. Real time over the SignalR hub /hubs/conversations."),
        ("Clinics", "Mentoring clinics during an exhibition: organisers schedule mentors' slots, exhibiting MSMEs book one per clinic, mentors leave follow-up notes."),
        ("Notifications", "The signed-in user's in-app notifications: list, unread count, mark read."),
        ("Media", "Photos of products, shop logos and banners, booth banners and galleries, exhibition banners: upload, order, cover, alt texts, and the image variants."),
        ("Ledger", "Money to makers: shop balances and statements, refunds, payouts to bank accounts, commission rates and reports, reconciliation."),
        ("Insights", "Creative-economy numbers for city and provincial governments: MSMEs, products, orders, paid GMV, market reach, repeat buyers and exhibition outcomes per city/regency, province, sub-sector and month."),
        ("Operations", "For administrators: parked (dead-lettered) outbox events, suspension of accounts."),
    ];

    public static IServiceCollection AddMarketplaceOpenApi(this IServiceCollection services) =>
        services.AddOpenApi("v1", options =>
        {
            options.AddDocumentTransformer((document, _, _) =>
            {
                Describe(document);
                return Task.CompletedTask;
            });
            options.AddOperationTransformer((operation, context, _) =>
            {
                ApplySecurity(operation, context);
                OpenApiExamples.Apply(operation);
                return Task.CompletedTask;
            });
            options.AddDocumentTransformer((document, _, _) =>
            {
                MakeNullableRequestFieldsOptional(document);
                return Task.CompletedTask;
            });
        });

    private static void Describe(OpenApiDocument document)
    {
        document.Info = new OpenApiInfo
        {
            Title = "Marketplace API",
            Version = "v1",
            Description = "Storefronts, products and virtual exhibitions for Indonesia's creative-economy MSMEs. " +
                          "Sign in with POST /api/v1/auth/login (or register) and send the accessToken as `Authorization: Bearer …`. " +
                          "Errors are RFC 9457 problem details with a stable `code` and, for invalid input, `errors` per field. " +
                          "Money is in minor units: {\"amount\": 2500000, \"currency\": \"IDR\"} is Rp 25.000.",
        };

        // Relative, so the document is the same wherever it is served (and /docs calls the host that served it).
        document.Servers = [new OpenApiServer { Url = "/", Description = "The host that serves this document." }];

        document.Components ??= new OpenApiComponents();
        document.Components.SecuritySchemes ??= new Dictionary<string, IOpenApiSecurityScheme>();
        document.Components.SecuritySchemes[BearerScheme] = new OpenApiSecurityScheme
        {
            Type = SecuritySchemeType.Http,
            Scheme = "bearer",
            BearerFormat = "JWT",
            Description = "Access token from POST /api/v1/auth/login, /auth/register or /auth/refresh.",
        };

        var used = document.Paths.Values
            .SelectMany(p => p.Operations?.Values.AsEnumerable() ?? [])
            .SelectMany(o => o.Tags ?? new HashSet<OpenApiTagReference>())
            .Select(t => t.Name)
            .ToHashSet(StringComparer.Ordinal);
        // Described tags in this order, then any a new endpoint brought without a description (the linters flag it).
        document.Tags = Tags.Where(t => used.Contains(t.Name))
            .Select(t => new OpenApiTag { Name = t.Name, Description = t.Description })
            .Concat(used.Where(name => Tags.All(t => t.Name != name)).Order(StringComparer.Ordinal).Select(name => new OpenApiTag { Name = name }))
            .ToHashSet();
    }

    /// <summary>
    /// Security per operation, from the endpoint's own metadata: a token required (bearer), optional (anonymous allowed,
    /// but a signed-in caller is recognised: the handler takes the user), or none (an explicit empty list). Every API
    /// endpoint says RequireAuthorization() or AllowAnonymous(); OpenApiTests holds that.
    /// </summary>
    private static void ApplySecurity(OpenApiOperation operation, OpenApiOperationTransformerContext context)
    {
        var metadata = context.Description.ActionDescriptor.EndpointMetadata;
        var authorize = metadata.OfType<IAuthorizeData>().ToList();
        var anonymous = metadata.OfType<IAllowAnonymous>().Any() || authorize.Count == 0;

        var bearer = new OpenApiSecurityRequirement { [new OpenApiSecuritySchemeReference(BearerScheme, context.Document)] = [] };
        operation.Responses ??= new OpenApiResponses();
        if (!anonymous)
        {
            operation.Security = [bearer];
            operation.Responses.TryAdd("401", Problem("No valid access token.", context.Document));
            if (authorize.Any(a => !string.IsNullOrEmpty(a.Policy) || !string.IsNullOrEmpty(a.Roles)))
            {
                operation.Responses.TryAdd("403", Problem("Signed in, but without the role this needs.", context.Document));
            }
        }
        else if (ReadsTheUser(metadata))
        {
            // OpenAPI's way to say "optional": no requirement, or the bearer token.
            operation.Security = [new OpenApiSecurityRequirement(), bearer];
        }
        else
        {
            operation.Security = [];
        }
    }

    private static bool ReadsTheUser(IList<object> metadata) =>
        metadata.OfType<MethodInfo>().Any(m => m.GetParameters().Any(p => p.ParameterType == typeof(ClaimsPrincipal)));

    private static OpenApiResponse Problem(string description, OpenApiDocument? document) => new()
    {
        Description = description,
        Content = new Dictionary<string, OpenApiMediaType>
        {
            ["application/problem+json"] = new() { Schema = new OpenApiSchemaReference("ProblemDetails", document) },
        },
    };

    /// <summary>
    /// Positional request records list every constructor parameter as required, but the API accepts an absent nullable
    /// field (it means "not given", e.g. a PATCH leaving a field as it is). So in the schemas reachable from a request
    /// body, nullable properties are not required; response schemas keep them (the API always writes them, as null).
    /// </summary>
    private static void MakeNullableRequestFieldsOptional(OpenApiDocument document)
    {
        var schemas = document.Components?.Schemas;
        if (schemas is null)
        {
            return;
        }

        var seen = new HashSet<string>(StringComparer.Ordinal);
        var pending = new Stack<IOpenApiSchema>();
        foreach (var operation in document.Paths.Values.SelectMany(p => p.Operations?.Values.AsEnumerable() ?? []))
        {
            foreach (var media in operation.RequestBody?.Content?.Values ?? [])
            {
                if (media.Schema is not null)
                {
                    pending.Push(media.Schema);
                }
            }
        }

        while (pending.Count > 0)
        {
            var schema = pending.Pop();
            if (schema is OpenApiSchemaReference reference)
            {
                if (reference.Reference.Id is { } id && seen.Add(id) && schemas.TryGetValue(id, out var target))
                {
                    pending.Push(target);
                }

                continue;
            }

            foreach (var child in (schema.AllOf ?? []).Concat(schema.OneOf ?? []).Concat(schema.AnyOf ?? []))
            {
                pending.Push(child);
            }

            if (schema.Items is not null)
            {
                pending.Push(schema.Items);
            }

            foreach (var (name, property) in schema.Properties ?? new Dictionary<string, IOpenApiSchema>())
            {
                pending.Push(property);
                if (IsNullable(property))
                {
                    schema.Required?.Remove(name);
                }
            }
        }
    }

    private static bool IsNullable(IOpenApiSchema schema) =>
        (schema.Type is { } type && type.HasFlag(JsonSchemaType.Null)) ||
        (schema.OneOf?.Any(s => s is not OpenApiSchemaReference && s.Type == JsonSchemaType.Null) ?? false);
}
