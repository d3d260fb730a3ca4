using System.Buffers.Binary;
using System.Text;
using SixLabors.ImageSharp;
using SixLabors.ImageSharp.Formats.Jpeg;
using SixLabors.ImageSharp.Formats.Png;
using SixLabors.ImageSharp.Formats.Webp;
using SixLabors.ImageSharp.Metadata.Profiles.Exif;
using SixLabors.ImageSharp.PixelFormats;

namespace Marketplace.Media.Tests;

/// <summary>Images made in memory for the tests: real photos-to-be with EXIF, and every kind of bad file.</summary>
public static class TestImages
{
    /// <summary>
    /// A JPEG as a phone writes it: landscape pixels with EXIF orientation 6 (turn 90° clockwise to view) and the GPS
    /// position of the kitchen it was taken in. <paramref name="seed"/> makes distinct pictures (distinct hashes).
    /// </summary>
    public static byte[] PhoneJpeg(int width = 400, int height = 300, int seed = 0)
    {
        using var image = Pattern(width, height, seed);
        var exif = new ExifProfile();
        exif.SetValue(ExifTag.Orientation, (ushort)6);
        exif.SetValue(ExifTag.GPSLatitudeRef, "S");
        exif.SetValue(ExifTag.GPSLatitude, [new Rational(2, 1), new Rational(59, 1), new Rational(3456, 100)]);
        exif.SetValue(ExifTag.GPSLongitudeRef, "E");
        exif.SetValue(ExifTag.GPSLongitude, [new Rational(104, 1), new Rational(45, 1), new Rational(1234, 100)]);
        exif.SetValue(ExifTag.Make, "TestPhone");
        image.Metadata.ExifProfile = exif;
        return Encode(image, new JpegEncoder { Quality = 90 });
    }

    public static byte[] Png(int width = 200, int height = 150, int seed = 0)
    {
        using var image = Pattern(width, height, seed);
        return Encode(image, new PngEncoder());
    }

    public static byte[] Webp(int width = 200, int height = 150, int seed = 0)
    {
        using var image = Pattern(width, height, seed);
        return Encode(image, new WebpEncoder { FileFormat = WebpFileFormatType.Lossy });
    }

    public static byte[] Html => Encoding.UTF8.GetBytes("<!doctype html><html><body><script>alert(document.cookie)</script></body></html>");

    public static byte[] SvgWithScript => Encoding.UTF8.GetBytes(
        "<?xml version=\"1.0\"?><svg xmlns=\"http://www.w3.org/2000/svg\" width=\"10\" height=\"10\"><script>alert(1)</script><rect width=\"10\" height=\"10\"/></svg>");

    public static byte[] Pdf => Encoding.ASCII.GetBytes("%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n");

    /// <summary>A valid JPEG with an HTML page (and script) appended after its end-of-image marker.</summary>
    public static byte[] PolyglotJpegHtml() => [.. PhoneJpeg(seed: 77), .. Html];

    public static byte[] TruncatedJpeg()
    {
        var full = PhoneJpeg(seed: 78);
        return full[..(full.Length * 6 / 10)];
    }

    public static byte[] TruncatedPng()
    {
        var full = Png(seed: 79);
        return full[..(full.Length - 30)];
    }

    /// <summary>A tiny PNG whose header claims 50,000 × 50,000 pixels (10 GB decoded): a decompression bomb.</summary>
    public static byte[] PngBomb()
    {
        var header = new byte[13];
        BinaryPrimitives.WriteUInt32BigEndian(header, 50_000);
        BinaryPrimitives.WriteUInt32BigEndian(header.AsSpan(4), 50_000);
        header[8] = 8;  // bit depth
        header[9] = 2;  // RGB
        var idat = new byte[] { 0x78, 0x9C, 0x63, 0x00, 0x00, 0x00, 0x01, 0x00, 0x01 };
        return [.. (ReadOnlySpan<byte>)[0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A], .. Chunk("IHDR", header), .. Chunk("IDAT", idat), .. Chunk("IEND", [])];
    }

    /// <summary>A PNG made animated (APNG) by an acTL chunk after its header.</summary>
    public static byte[] AnimatedPng()
    {
        var png = Png(seed: 80);
        var afterHeader = 8 + 12 + 13;
        var actl = new byte[8];
        BinaryPrimitives.WriteUInt32BigEndian(actl, 2);
        return [.. png[..afterHeader], .. Chunk("acTL", actl), .. png[afterHeader..]];
    }

    /// <summary>A WebP cut short: shorter than its RIFF header says.</summary>
    public static byte[] TruncatedWebp()
    {
        var full = Webp(seed: 81);
        return full[..(full.Length * 6 / 10)];
    }

    /// <summary>A still WebP given an extended (VP8X) header whose flags say "animated".</summary>
    public static byte[] AnimatedWebp()
    {
        var still = Webp(seed: 82);
        var vp8x = new byte[10];
        vp8x[0] = 0x02; // animation flag
        vp8x[4] = 199;  // canvas width − 1 (200), 24-bit little-endian
        vp8x[7] = 149;  // canvas height − 1 (150)
        var chunk = new byte[8 + vp8x.Length];
        Encoding.ASCII.GetBytes("VP8X").CopyTo(chunk, 0);
        BinaryPrimitives.WriteUInt32LittleEndian(chunk.AsSpan(4), (uint)vp8x.Length);
        vp8x.CopyTo(chunk, 8);
        byte[] webp = [.. still[..12], .. chunk, .. still[12..]];
        BinaryPrimitives.WriteUInt32LittleEndian(webp.AsSpan(4), (uint)(webp.Length - 8));
        return webp;
    }

    /// <summary>
    /// A PNG whose structure is whole (every chunk and CRC right, IEND at the end) but whose compressed pixels are
    /// broken (the first deflate block has the invalid type 3): only decoding the pixels finds it.
    /// </summary>
    public static byte[] PngWithBrokenPixels()
    {
        var png = Png(seed: 83);
        var offset = 8;
        while (Encoding.ASCII.GetString(png, offset + 4, 4) != "IDAT")
        {
            offset += 12 + (int)BinaryPrimitives.ReadUInt32BigEndian(png.AsSpan(offset));
        }

        var length = (int)BinaryPrimitives.ReadUInt32BigEndian(png.AsSpan(offset));
        var data = png.AsSpan(offset + 8, length).ToArray();
        data[2] = 0x07; // after the 2-byte zlib header: BFINAL = 1, BTYPE = 11 (reserved, an error)
        return [.. png[..offset], .. Chunk("IDAT", data), .. png[(offset + 12 + length)..]];
    }

    /// <summary>A PNG whose pixel data does not match its CRC (a bit flipped in transit): structure whole, content damaged.</summary>
    public static byte[] PngWithBadCrc()
    {
        var png = Png(seed: 84);
        png[^20] ^= 0x55; // inside the last IDAT's data, before its CRC and the 12-byte IEND chunk
        return png;
    }

    public static byte[] Oversized(long bytes)
    {
        var data = new byte[bytes];
        new Random(5).NextBytes(data);
        data[0] = 0xFF;
        data[1] = 0xD8;
        data[2] = 0xFF;
        return data;
    }

    private static Image<Rgb24> Pattern(int width, int height, int seed)
    {
        var image = new Image<Rgb24>(width, height);
        image.ProcessPixelRows(rows =>
        {
            for (var y = 0; y < rows.Height; y++)
            {
                var row = rows.GetRowSpan(y);
                for (var x = 0; x < row.Length; x++)
                {
                    row[x] = new Rgb24((byte)(x * 255 / width), (byte)(y * 255 / height), (byte)((seed * 37 + x + y) % 256));
                }
            }
        });
        return image;
    }

    private static byte[] Encode(Image image, SixLabors.ImageSharp.Formats.IImageEncoder encoder)
    {
        using var output = new MemoryStream();
        image.Save(output, encoder);
        return output.ToArray();
    }

    private static byte[] Chunk(string type, byte[] data)
    {
        var chunk = new byte[12 + data.Length];
        BinaryPrimitives.WriteUInt32BigEndian(chunk, (uint)data.Length);
        Encoding.ASCII.GetBytes(type).CopyTo(chunk, 4);
        data.CopyTo(chunk, 8);
        BinaryPrimitives.WriteUInt32BigEndian(chunk.AsSpan(8 + data.Length), Crc32(chunk.AsSpan(4, 4 + data.Length)));
        return chunk;
    }

    private static uint Crc32(ReadOnlySpan<byte> bytes)
    {
        var crc = 0xFFFFFFFFu;
        foreach (var b in bytes)
        {
            crc ^= b;
            for (var k = 0; k < 8; k++)
            {
                crc = (crc & 1) != 0 ? (crc >> 1) ^ 0xEDB88320u : crc >> 1;
            }
        }

        return ~crc;
    }
}
