using System.Buffers.Binary;
using System.IO.Compression;

namespace Marketplace.Web.Tests.Seller;

/// <summary>A real PNG (striped, so no two rows are equal) written by hand: the upload tests need a file the Media module decodes.</summary>
internal static class TestImages
{
    /// <param name="padding">Bytes of a private ancillary chunk (which decoders skip) to make the file as large as a phone's photo.</param>
    public static byte[] Png(int width, int height, int seed = 0, int padding = 0)
    {
        using var raw = new MemoryStream();
        for (var y = 0; y < height; y++)
        {
            raw.WriteByte(0); // filter: none
            for (var x = 0; x < width; x++)
            {
                raw.WriteByte((byte)((x * 7 + seed) % 256));
                raw.WriteByte((byte)((y * 5 + seed) % 256));
                raw.WriteByte((byte)((x + y) * 3 % 256));
            }
        }

        using var compressed = new MemoryStream();
        using (var z = new ZLibStream(compressed, CompressionLevel.Fastest, leaveOpen: true))
        {
            raw.Position = 0;
            raw.CopyTo(z);
        }

        using var png = new MemoryStream();
        png.Write([0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A]);
        var header = new byte[13];
        BinaryPrimitives.WriteInt32BigEndian(header, width);
        BinaryPrimitives.WriteInt32BigEndian(header.AsSpan(4), height);
        header[8] = 8; // bit depth
        header[9] = 2; // truecolour
        Chunk(png, "IHDR", header);
        Chunk(png, "IDAT", compressed.ToArray());
        if (padding > 0)
        {
            var filler = new byte[padding];
            new Random(seed).NextBytes(filler);
            Chunk(png, "prVt", filler);
        }

        Chunk(png, "IEND", []);
        return png.ToArray();
    }

    private static void Chunk(Stream png, string type, byte[] data)
    {
        Span<byte> length = stackalloc byte[4];
        BinaryPrimitives.WriteInt32BigEndian(length, data.Length);
        png.Write(length);
        var typeBytes = System.Text.Encoding.ASCII.GetBytes(type);
        png.Write(typeBytes);
        png.Write(data);
        Span<byte> sum = stackalloc byte[4];
        BinaryPrimitives.WriteUInt32BigEndian(sum, Crc32([.. typeBytes, .. data]));
        png.Write(sum);
    }

    // PNG's CRC-32 (ISO 3309), bit by bit: a few kilobytes per test image.
    private static uint Crc32(byte[] bytes)
    {
        var crc = 0xFFFFFFFFu;
        foreach (var b in bytes)
        {
            crc ^= b;
            for (var k = 0; k < 8; k++)
            {
                crc = (crc & 1) != 0 ? 0xEDB88320u ^ (crc >> 1) : crc >> 1;
            }
        }

        return ~crc;
    }
}
