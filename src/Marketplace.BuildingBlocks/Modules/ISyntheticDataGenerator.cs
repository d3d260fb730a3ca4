namespace Marketplace.BuildingBlocks.Modules;

/// <summary>Makes large synthetic data sets for benchmarks (<c>seed --synthetic N</c>).</summary>
public interface ISyntheticDataGenerator
{
    Task GenerateAsync(int count, IProgress<string> progress, CancellationToken ct);
}
