using System.Buffers.Binary;
using Marketplace.SharedKernel.Errors;

namespace Marketplace.Media.Processing;

internal enum SourceFormat
{
    Jpeg,
    Png,
    Webp,
}

/// <summary>
/// The first gate an upload passes, on its bytes alone (the file name and the declared content type are never
/// trusted): it must start with the magic number of JPEG, PNG or WebP, be structurally complete (JPEG ends with its
/// end-of-image marker, PNG's chunks run to IEND, WebP's RIFF length matches the file) and carry nothing after its end —
/// which refuses truncated files and polyglots that hide HTML or a script behind a valid image. Payloads inside an
/// image's own metadata segments are removed later: only re-encoded variants are ever served.
/// Animated images (APNG, animated WebP) are refused: a product card shows one picture, and silently keeping the first
/// frame could show the wrong one.
/// </summary>
internal static class ImageSniffer
{
    public const string Field = "file";

    private static ReadOnlySpan<byte> PngSignature => [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A];

    /// <summary>Checks bytes already in memory (the demo seeder's generated pictures).</summary>
    public static Result<SourceFormat> Sniff(byte[] bytes)
    {
        using var stream = new MemoryStream(bytes, writable: false);
        return Sniff(stream);
    }

    /// <summary>
    /// Checks a seekable stream (an upload staged on disk) without reading it whole into memory: the head, the end, the
    /// PNG chunk headers, and — only for WebP, or to word an error — one pass in small chunks.
    /// </summary>
    public static Result<SourceFormat> Sniff(Stream stream)
    {
        var length = stream.Length;
        Span<byte> head = stackalloc byte[32];
        head = head[..ReadAt(stream, 0, head)];
        if (length < 16)
        {
            return MediaErrors.NotAnImage("The file is too short to be an image.");
        }

        if (head[0] == 0xFF && head[1] == 0xD8 && head[2] == 0xFF)
        {
            return CheckJpeg(stream, length);
        }

        if (head.StartsWith(PngSignature))
        {
            return CheckPng(stream, length);
        }

        if (head.StartsWith("RIFF"u8) && head[8..].StartsWith("WEBP"u8))
        {
            return CheckWebp(stream, length, head);
        }

        if (head[4..].StartsWith("ftyp"u8))
        {
            return MediaErrors.NotAnImage("HEIC/AVIF photos are not accepted yet; export the photo as JPEG (most phones can: Settings → Camera → Most compatible).");
        }

        if (head.StartsWith("GIF8"u8))
        {
            return MediaErrors.NotAnImage("GIF is not accepted; upload a JPEG, PNG or WebP photo.");
        }

        return MediaErrors.NotAnImage("The file is not a JPEG, PNG or WebP image (whatever its name or declared type).");
    }

    private static Result<SourceFormat> CheckJpeg(Stream stream, long length)
    {
        // Some cameras pad the file with zero bytes after the end-of-image marker; anything else after it is refused.
        var end = EndWithoutZeroPadding(stream, length);
        Span<byte> last = stackalloc byte[2];
        if (ReadAt(stream, end - 2, last) == 2 && last[0] == 0xFF && last[1] == 0xD9)
        {
            return SourceFormat.Jpeg;
        }

        // Only the wording differs: an end marker somewhere before the end means something was appended.
        return IndexOf(stream, 3, [0xFF, 0xD9]) >= 0
            ? MediaErrors.Corrupt("The JPEG has data after its end (a hidden payload?); export the photo again.")
            : MediaErrors.Corrupt("The JPEG is truncated: it has no end-of-image marker.");
    }

    private static Result<SourceFormat> CheckPng(Stream stream, long length)
    {
        long offset = PngSignature.Length;
        var first = true;
        Span<byte> header = stackalloc byte[8];
        while (true)
        {
            if (offset + 12 > length)
            {
                return MediaErrors.Corrupt("The PNG is truncated: it ends before its IEND chunk.");
            }

            ReadAt(stream, offset, header);
            var chunkLength = BinaryPrimitives.ReadUInt32BigEndian(header);
            var type = header[4..];
            if (chunkLength > int.MaxValue || offset + 12 + (long)chunkLength > length)
            {
                return MediaErrors.Corrupt("The PNG is truncated: a chunk runs past the end of the file.");
            }

            if (first && !type.SequenceEqual("IHDR"u8))
            {
                return MediaErrors.Corrupt("The PNG does not start with its IHDR header chunk.");
            }

            if (type.SequenceEqual("acTL"u8))
            {
                return MediaErrors.Animated();
            }

            first = false;
            offset += 12 + chunkLength;
            if (type.SequenceEqual("IEND"u8))
            {
                return offset == length
                    ? SourceFormat.Png
                    : MediaErrors.Corrupt("The PNG has data after its IEND chunk (a hidden payload?); export the image again.");
            }
        }
    }

    private static Result<SourceFormat> CheckWebp(Stream stream, long length, ReadOnlySpan<byte> head)
    {
        var riffLength = (long)BinaryPrimitives.ReadUInt32LittleEndian(head[4..]) + 8;
        if (riffLength > length)
        {
            return MediaErrors.Corrupt("The WebP is truncated: it is shorter than its RIFF header says.");
        }

        if (riffLength < length)
        {
            return MediaErrors.Corrupt("The WebP has data after its end (a hidden payload?); export the image again.");
        }

        // VP8X extended header: flags byte, bit 1 = animation. An ANIM chunk anywhere means the same.
        if (head.Length > 20 && head[12..].StartsWith("VP8X"u8) && (head[20] & 0x02) != 0)
        {
            return MediaErrors.Animated();
        }

        return IndexOf(stream, 0, "ANIM"u8) >= 0 && IndexOf(stream, 0, "ANMF"u8) >= 0 ? MediaErrors.Animated() : SourceFormat.Webp;
    }

    /// <summary>Reads up to <c>buffer.Length</c> bytes at <paramref name="offset"/>; returns how many there were.</summary>
    private static int ReadAt(Stream stream, long offset, Span<byte> buffer)
    {
        stream.Position = offset;
        return stream.ReadAtLeast(buffer, buffer.Length, throwOnEndOfStream: false);
    }

    /// <summary>The length without trailing zero bytes (at least 2), read backwards a block at a time.</summary>
    private static long EndWithoutZeroPadding(Stream stream, long length)
    {
        Span<byte> block = stackalloc byte[4096];
        var end = length;
        while (end > 2)
        {
            var start = Math.Max(2, end - block.Length);
            var read = ReadAt(stream, start, block[..(int)(end - start)]);
            var lastNonZero = block[..read].LastIndexOfAnyExcept((byte)0);
            if (lastNonZero >= 0)
            {
                return start + lastNonZero + 1;
            }

            end = start;
        }

        return end;
    }

    /// <summary>The first position at or after <paramref name="from"/> where <paramref name="needle"/> starts, or -1; one pass in 64 kB chunks.</summary>
    private static long IndexOf(Stream stream, long from, ReadOnlySpan<byte> needle)
    {
        var buffer = System.Buffers.ArrayPool<byte>.Shared.Rent(64 * 1024);
        try
        {
            stream.Position = from;
            var kept = 0; // the tail of the previous chunk, so a needle across two chunks is found
            var bufferStart = from;
            while (true)
            {
                var read = stream.Read(buffer, kept, buffer.Length - kept);
                if (read == 0)
                {
                    return -1;
                }

                var filled = kept + read;
                var found = buffer.AsSpan(0, filled).IndexOf(needle);
                if (found >= 0)
                {
                    return bufferStart + found;
                }

                kept = Math.Min(needle.Length - 1, filled);
                buffer.AsSpan(filled - kept, kept).CopyTo(buffer);
                bufferStart += filled - kept;
            }
        }
        finally
        {
            System.Buffers.ArrayPool<byte>.Shared.Return(buffer);
        }
    }
}
