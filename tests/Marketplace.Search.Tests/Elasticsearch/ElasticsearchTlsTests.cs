using System.Net;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using Marketplace.Search.Engines;

namespace Marketplace.Search.Tests.Elasticsearch;

/// <summary>
/// HTTPS clusters with a certificate the machine does not trust (Elasticsearch 8's self-generated CA): accepted only
/// when <c>Search:Elasticsearch:CertificateFingerprint</c> names it.
/// </summary>
public sealed class ElasticsearchTlsTests : IAsyncLifetime
{
    private X509Certificate2 _certificate = null!;
    private ElasticsearchDouble _node = null!;

    public async Task InitializeAsync()
    {
        _certificate = SelfSigned();
        _node = await ElasticsearchDouble.StartAsync(_certificate);
    }

    public async Task DisposeAsync()
    {
        await _node.DisposeAsync();
        _certificate.Dispose();
    }

    [Fact]
    public async Task A_cluster_with_an_untrusted_certificate_is_refused_without_a_fingerprint()
    {
        Assert.Equal("https", _node.Url.Scheme);
        await using var adapter = EngineUnderTest.Create(_node.Url);

        var ex = await Assert.ThrowsAsync<SearchEngineUnavailableException>(() => adapter.Engine.EnsureIndexAsync(CancellationToken.None));
        Assert.Contains("could not be reached", ex.Message, StringComparison.Ordinal);
        Assert.Empty(_node.Requests);
    }

    [Fact]
    public async Task The_certificate_named_by_its_sha256_fingerprint_is_trusted()
    {
        var fingerprint = string.Join(':', Convert.ToHexString(SHA256.HashData(_certificate.RawData)).Chunk(2).Select(c => new string(c).ToLowerInvariant()));
        await using var adapter = EngineUnderTest.Create(_node.Url, o => o.CertificateFingerprint = fingerprint);

        await adapter.Engine.EnsureIndexAsync(CancellationToken.None);

        Assert.Equal(["test-products-initial"], _node.IndicesBehind("test-products"));
    }

    [Fact]
    public async Task Another_fingerprint_is_refused()
    {
        await using var adapter = EngineUnderTest.Create(_node.Url, o => o.CertificateFingerprint = new string('A', 64));

        await Assert.ThrowsAsync<SearchEngineUnavailableException>(() => adapter.Engine.EnsureIndexAsync(CancellationToken.None));
        Assert.Empty(_node.Requests);
    }

    private static X509Certificate2 SelfSigned()
    {
        using var key = RSA.Create(2048);
        var request = new CertificateRequest("CN=elasticsearch-double", key, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        var names = new SubjectAlternativeNameBuilder();
        names.AddIpAddress(IPAddress.Loopback);
        names.AddDnsName("localhost");
        request.CertificateExtensions.Add(names.Build());
        using var created = request.CreateSelfSigned(DateTimeOffset.UtcNow.AddMinutes(-5), DateTimeOffset.UtcNow.AddDays(1));
        return X509CertificateLoader.LoadPkcs12(created.Export(X509ContentType.Pfx), null);
    }
}
