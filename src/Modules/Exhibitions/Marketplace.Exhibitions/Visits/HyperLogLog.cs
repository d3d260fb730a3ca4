using System.Buffers.Binary;
using System.Numerics;
using System.Text;

namespace Marketplace.Exhibitions.Visits;

/// <summary>
/// A HyperLogLog sketch (Flajolet et al. 2007, with the small-range linear-counting correction) for unique visitors
/// in-process: 2^14 one-byte registers (16 KiB), a standard error of about 0.8%. Its registers are exactly those Redis
/// keeps for <c>PFADD</c> of the same items (Redis' hash, MurmurHash64A with its seed, and its register and rank
/// split), so a sketch built here can be handed to Redis whole (<see cref="ToRedis"/>) instead of adding every visit
/// again. Adding the same visitor twice changes nothing, which is what lets the sketch be rebuilt from the store at any
/// time. Thread-safe.
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
        // As Redis' hllPatLen: the low 14 bits pick the register, the rank is the position of the first 1-bit of the
        // remaining 50 (1-based; the sentinel bit caps it at 51).
        var hash = Hash(item);
        var index = (int)(hash & (RegisterCount - 1));
        var rank = (byte)(BitOperations.TrailingZeroCount((hash >> Precision) | (1UL << (64 - Precision))) + 1);
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

    /// <summary>
    /// The sketch as a Redis HyperLogLog string value (what <c>GET</c> of a <c>PFADD</c>ed key returns): Redis' sparse
    /// encoding while it is small (a quiet booth: a few hundred bytes, as Redis itself would keep it), else the dense one
    /// (16-byte header, 16,384 six-bit registers). Redis accepts it for <c>PFCOUNT</c> and <c>PFMERGE</c>.
    /// </summary>
    public byte[] ToRedis()
    {
        byte[] registers;
        lock (_gate)
        {
            registers = (byte[])_registers.Clone();
        }

        return RedisSparse(registers) ?? RedisDense(registers);
    }

    /// <summary>Redis' <c>hll-sparse-max-bytes</c> default: a larger sparse value is kept dense.</summary>
    private const int RedisSparseMaxBytes = 3000;

    private static byte[] RedisHeader(int size, byte encoding)
    {
        var value = new byte[size];
        "HYLL"u8.CopyTo(value);
        value[4] = encoding;
        value[15] = 0x80; // the cached cardinality is not valid: PFCOUNT computes it
        return value;
    }

    private static byte[] RedisDense(byte[] registers)
    {
        const int header = 16;
        var value = RedisHeader(header + ((RegisterCount * 6) + 7) / 8, 0);
        for (var i = 0; i < RegisterCount; i++)
        {
            // Six bits per register, least significant bit first, as HLL_DENSE_SET_REGISTER packs them.
            var bit = i * 6;
            var at = header + (bit >> 3);
            var shift = bit & 7;
            var v = registers[i];
            value[at] |= (byte)(v << shift);
            if (shift > 2)
            {
                value[at + 1] |= (byte)(v >> (8 - shift));
            }
        }

        return value;
    }

    /// <summary>ZERO (00xxxxxx), XZERO (01xxxxxx yyyyyyyy) and VAL (1vvvvvxx) opcodes; null when it would not stay sparse.</summary>
    private static byte[]? RedisSparse(byte[] registers)
    {
        var ops = new List<byte>(256);
        var i = 0;
        while (i < RegisterCount)
        {
            var v = registers[i];
            var run = 1;
            if (v == 0)
            {
                while (i + run < RegisterCount && registers[i + run] == 0 && run < RegisterCount)
                {
                    run++;
                }

                if (run > 64)
                {
                    ops.Add((byte)(0x40 | ((run - 1) >> 8)));
                    ops.Add((byte)((run - 1) & 0xff));
                }
                else
                {
                    ops.Add((byte)(run - 1));
                }
            }
            else
            {
                if (v > 32)
                {
                    return null; // a VAL opcode holds 1–32
                }

                while (i + run < RegisterCount && registers[i + run] == v && run < 4)
                {
                    run++;
                }

                ops.Add((byte)(0x80 | ((v - 1) << 2) | (run - 1)));
            }

            i += run;
            if (ops.Count > RedisSparseMaxBytes)
            {
                return null;
            }
        }

        var value = RedisHeader(16 + ops.Count, 1);
        ops.CopyTo(value, 16);
        return value;
    }

    /// <summary>Redis' element hash: MurmurHash64A of the UTF-8 bytes with seed 0xadc83b19, little-endian blocks.</summary>
    private static ulong Hash(string item)
    {
        Span<byte> buffer = stackalloc byte[256];
        ReadOnlySpan<byte> data = Encoding.UTF8.GetByteCount(item) <= buffer.Length ? buffer[..Encoding.UTF8.GetBytes(item, buffer)] : Encoding.UTF8.GetBytes(item);
        const ulong m = 0xc6a4a7935bd1e995UL;
        const int r = 47;
        var h = 0xadc83b19UL ^ ((ulong)data.Length * m);
        var blocks = data.Length & ~7;
        for (var at = 0; at < blocks; at += 8)
        {
            var k = BinaryPrimitives.ReadUInt64LittleEndian(data[at..]);
            k *= m;
            k ^= k >> r;
            k *= m;
            h ^= k;
            h *= m;
        }

        var tail = data[blocks..];
        if (tail.Length > 0)
        {
            for (var t = tail.Length - 1; t >= 0; t--)
            {
                h ^= (ulong)tail[t] << (8 * t);
            }

            h *= m;
        }

        h ^= h >> r;
        h *= m;
        h ^= h >> r;
        return h;
    }
}
