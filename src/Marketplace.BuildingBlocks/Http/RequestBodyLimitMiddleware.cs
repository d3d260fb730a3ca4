using Marketplace.BuildingBlocks.Errors;
using Marketplace.SharedKernel.Errors;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.Http.Metadata;

namespace Marketplace.BuildingBlocks.Http;

/// <summary>
/// Refuses bodies over the limit with 413 ProblemDetails before anything reads them. Kestrel enforces its own limit
/// as well; this one also covers hosts without it (the test server) and answers in the API's error format. An endpoint
/// may raise its own limit with <see cref="IRequestSizeLimitMetadata"/> (uploads).
/// </summary>
public sealed class RequestBodyLimitMiddleware(RequestDelegate next, long defaultMaxBytes)
{
    public async Task InvokeAsync(HttpContext http)
    {
        var maxBytes = http.GetEndpoint()?.Metadata.GetMetadata<IRequestSizeLimitMetadata>()?.MaxRequestBodySize ?? defaultMaxBytes;
        var feature = http.Features.Get<IHttpMaxRequestBodySizeFeature>();
        if (feature is { IsReadOnly: false })
        {
            feature.MaxRequestBodySize = maxBytes;
        }

        if (http.Request.ContentLength is { } length && length > maxBytes)
        {
            var problem = new Error("request.body_too_large", $"The request body is {length} bytes; the limit is {maxBytes}.", ErrorKind.Validation)
                .ToProblem();
            http.Response.StatusCode = StatusCodes.Status413PayloadTooLarge;
            problem.ProblemDetails.Status = StatusCodes.Status413PayloadTooLarge;
            problem.ProblemDetails.Title = "Request body too large.";
            await http.Response.WriteAsJsonAsync(problem.ProblemDetails, problem.ProblemDetails.GetType(), (System.Text.Json.JsonSerializerOptions?)null, "application/problem+json");
            return;
        }

        if (http.Request.ContentLength is null && http.Request.Body.CanRead)
        {
            http.Request.Body = new LengthLimitedStream(http.Request.Body, maxBytes);
        }

        await next(http);
    }

    /// <summary>Chunked bodies have no Content-Length; count bytes as they are read.</summary>
    private sealed class LengthLimitedStream(Stream inner, long maxBytes) : Stream
    {
        private long _read;

        public override bool CanRead => true;

        public override bool CanSeek => false;

        public override bool CanWrite => false;

        public override long Length => throw new NotSupportedException();

        public override long Position { get => _read; set => throw new NotSupportedException(); }

        public override void Flush()
        {
        }

        public override int Read(byte[] buffer, int offset, int count) => Count(inner.Read(buffer, offset, count));

        public override async ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default) =>
            Count(await inner.ReadAsync(buffer, cancellationToken));

        public override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
            ReadAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();

        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

        public override void SetLength(long value) => throw new NotSupportedException();

        public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();

        private int Count(int read)
        {
            _read += read;
            if (_read > maxBytes)
            {
                throw new BadHttpRequestException($"The request body exceeds {maxBytes} bytes.", StatusCodes.Status413PayloadTooLarge);
            }

            return read;
        }
    }
}
