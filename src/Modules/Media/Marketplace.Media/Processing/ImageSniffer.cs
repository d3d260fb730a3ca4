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

    public static Result<SourceFormat> Sniff(ReadOnlySpan<byte> bytes)
    {
        if (bytes.Length < 16)
        {
            return MediaErrors.NotAnImage("The file is too short to be an image.");
        }

        if (bytes[0] == 0xFF && bytes[1] == 0xD8 && bytes[2] == 0xFF)
        {
            return CheckJpeg(bytes);
        }

        if (bytes.StartsWith(PngSignature))
        {
            return CheckPng(bytes);
        }

        if (bytes.StartsWith("RIFF"u8) && bytes[8..].StartsWith("WEBP"u8))
        {
            return CheckWebp(bytes);
        }

        if (bytes[4..].StartsWith("ftyp"u8))
        {
            return MediaErrors.NotAnImage("HEIC/AVIF photos are not accepted yet; export the photo as JPEG (most phones can: Settings → Camera → Most compatible).");
        }

        if (bytes.StartsWith("GIF8"u8))
        {
            return MediaErrors.NotAnImage("GIF is not accepted; upload a JPEG, PNG or WebP photo.");
        }

        return MediaErrors.NotAnImage("The file is not a JPEG, PNG or WebP image (whatever its name or declared type).");
    }

    private static Result<SourceFormat> CheckJpeg(ReadOnlySpan<byte> bytes)
    {
        // Some cameras pad the file with zero bytes after the end-of-image marker; anything else after it is refused.
        var end = bytes.Length;
        while (end > 2 && bytes[end - 1] == 0x00)
        {
            end--;
        }

        if (bytes[end - 2] == 0xFF && bytes[end - 1] == 0xD9)
        {
            return SourceFormat.Jpeg;
        }

        return bytes.LastIndexOf((ReadOnlySpan<byte>)[0xFF, 0xD9]) > 2
            ? MediaErrors.Corrupt("The JPEG has data after its end (a hidden payload?); export the photo again.")
            : MediaErrors.Corrupt("The JPEG is truncated: it has no end-of-image marker.");
    }

    private static Result<SourceFormat> CheckPng(ReadOnlySpan<byte> bytes)
    {
        var offset = PngSignature.Length;
        var first = true;
        while (true)
        {
            if (offset + 12 > bytes.Length)
            {
                return MediaErrors.Corrupt("The PNG is truncated: it ends before its IEND chunk.");
            }

            var length = BinaryPrimitives.ReadUInt32BigEndian(bytes[offset..]);
            var type = bytes.Slice(offset + 4, 4);
            if (length > int.MaxValue || offset + 12 + (long)length > bytes.Length)
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
            offset += 12 + (int)length;
            if (type.SequenceEqual("IEND"u8))
            {
                return offset == bytes.Length
                    ? SourceFormat.Png
                    : MediaErrors.Corrupt("The PNG has data after its IEND chunk (a hidden payload?); export the image again.");
            }
        }
    }

    private static Result<SourceFormat> CheckWebp(ReadOnlySpan<byte> bytes)
    {
        var riffLength = (long)BinaryPrimitives.ReadUInt32LittleEndian(bytes[4..]) + 8;
        if (riffLength > bytes.Length)
        {
            return MediaErrors.Corrupt("The WebP is truncated: it is shorter than its RIFF header says.");
        }

        if (riffLength < bytes.Length)
        {
            return MediaErrors.Corrupt("The WebP has data after its end (a hidden payload?); export the image again.");
        }

        // VP8X extended header: flags byte, bit 1 = animation. An ANIM chunk anywhere means the same.
        if (bytes[12..].StartsWith("VP8X"u8) && (bytes[20] & 0x02) != 0)
        {
            return MediaErrors.Animated();
        }

        return bytes.IndexOf("ANIM"u8) >= 0 && bytes.IndexOf("ANMF"u8) >= 0 ? MediaErrors.Animated() : SourceFormat.Webp;
    }
}
