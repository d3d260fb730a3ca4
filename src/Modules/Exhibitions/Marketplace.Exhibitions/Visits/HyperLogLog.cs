using System.Numerics;
using System.Text;

namespace Marketplace.Exhibitions.Visits;

/// <summary>
/// A HyperLogLog sketch (Flajolet et al. 2007, with the small-range linear-counting correction) for unique visitors
/// in-process: 2^14 one-byte registers (16 KiB), a standard error of about 0.8% — the same precision Redis uses
/// for <c>PFADD</c>/<c>PFCOUNT</c>, so both engines answer alike. Adding the same visitor twice changes nothing, which
/// is what lets the sketch be rebuilt from the store at any time. Thread-safe.
/// </summary>
internal sealed class HyperLogLog
{
    private const int Precision = 14;
    private const int RegisterCount = 1 << Precision;
    private static readonly double Alpha = 0.7213 / (1 + (1.079 / RegisterCount));

    /// <summary>2^-r for every register value r (at most 64 - 14 + 1): the estimate's sum without a division per register.</summary>
    private static readonly double[] InversePowers = Enumerable.Range(0, 66).Select(r => Math.Pow(2, -r)).ToArray();

    private readonly byte[] _registers = new byte[RegisterCount];
    private readonly Lock _gate = new();

    public void Add(string item)
    {
        var hash = Hash(item);
        var index = (int)(hash >> (64 - Precision));
        // Rank of the first 1-bit in the remaining 50 bits (1-based); the sentinel bit caps it.
        var rest = (hash << Precision) | (1UL << (Precision - 1));
        var rank = (byte)(BitOperations.LeadingZeroCount(rest) + 1);
        lock (_gate)
        {
            if (_registers[index] < rank)
            {
                _registers[index] = rank;
            }
        }
    }

    /// <summary>The estimated number of distinct items added to any of <paramref name="sketches"/> (their union).</summary>
    public static long CountUnion(IEnumerable<HyperLogLog> sketches)
    {
        var merged = new byte[RegisterCount];
        var any = false;
        foreach (var sketch in sketches)
        {
            any = true;
            lock (sketch._gate)
            {
                // Register-wise maximum, a vector at a time: an exhibition's union merges a thousand booths' sketches.
                var target = merged.AsSpan();
                var source = sketch._registers.AsSpan();
                for (var i = 0; i < RegisterCount; i += Vector<byte>.Count)
                {
                    Vector.Max(new Vector<byte>(target[i..]), new Vector<byte>(source[i..])).CopyTo(target[i..]);
                }
            }
        }

        return any ? Estimate(merged) : 0;
    }

    public long Count() => CountUnion([this]);

    /// <summary>
    /// The registers, compactly: the (index, value) pairs of the non-zero ones while they are few (a booth with a few
    /// hundred visitors takes ~1 KB instead of 16 KiB), else all of them.
    /// </summary>
    public void WriteTo(BinaryWriter writer)
    {
        lock (_gate)
        {
            var nonZero = 0;
            foreach (var r in _registers)
            {
                nonZero += r == 0 ? 0 : 1;
            }

            if (nonZero * 3 < RegisterCount)
            {
                writer.Write((byte)0);
                writer.Write7BitEncodedInt(nonZero);
                var previous = 0;
                for (var i = 0; i < RegisterCount; i++)
                {
                    if (_registers[i] != 0)
                    {
                        writer.Write7BitEncodedInt(i - previous);
                        writer.Write(_registers[i]);
                        previous = i;
                    }
                }
            }
            else
            {
                writer.Write((byte)1);
                writer.Write(_registers);
            }
        }
    }

    /// <summary>Reads what <see cref="WriteTo"/> wrote.</summary>
    public static HyperLogLog ReadFrom(BinaryReader reader)
    {
        var sketch = new HyperLogLog();
        var mode = reader.ReadByte();
        if (mode == 0)
        {
            var count = reader.Read7BitEncodedInt();
            var index = 0;
            for (var n = 0; n < count; n++)
            {
                index += reader.Read7BitEncodedInt();
                sketch._registers[index] = reader.ReadByte();
            }
        }
        else
        {
            var registers = reader.ReadBytes(RegisterCount); // loops over short reads (the snapshot is a compressed stream)
            if (registers.Length != RegisterCount)
            {
                throw new InvalidDataException("A HyperLogLog sketch is cut short.");
            }

            registers.CopyTo(sketch._registers, 0);
        }

        return sketch;
    }

    private static long Estimate(byte[] registers)
    {
        double sum = 0;
        var zeros = 0;
        foreach (var r in registers)
        {
            sum += InversePowers[r];
            if (r == 0)
            {
                zeros++;
            }
        }

        var estimate = Alpha * RegisterCount * RegisterCount / sum;
        if (estimate <= 2.5 * RegisterCount && zeros > 0)
        {
            estimate = RegisterCount * Math.Log((double)RegisterCount / zeros);
        }

        return (long)Math.Round(estimate);
    }

    /// <summary>FNV-1a over UTF-8, then MurmurHash3's 64-bit finaliser so every bit avalanches.</summary>
    private static ulong Hash(string item)
    {
        Span<byte> buffer = stackalloc byte[256];
        var bytes = Encoding.UTF8.GetByteCount(item) <= buffer.Length ? buffer[..Encoding.UTF8.GetBytes(item, buffer)] : Encoding.UTF8.GetBytes(item);
        var h = 14695981039346656037UL;
        foreach (var b in bytes)
        {
            h ^= b;
            h *= 1099511628211UL;
        }

        h ^= h >> 33;
        h *= 0xff51afd7ed558ccdUL;
        h ^= h >> 33;
        h *= 0xc4ceb9fe1a85ec53UL;
        h ^= h >> 33;
        return h;
    }
}
