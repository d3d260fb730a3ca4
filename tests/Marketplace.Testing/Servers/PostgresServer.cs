using Npgsql;

namespace Marketplace.Testing.Servers;

/// <summary>
/// A throw-away PostgreSQL cluster for the tests of one test process: initdb into a temp folder, started with pg_ctl
/// on a free loopback port, trust authentication, durability switched off (fsync) because the data dies with the run.
/// Debian's binaries live under /usr/lib/postgresql/&lt;version&gt;/bin (apt package <c>postgresql</c>). PostgreSQL refuses to
/// run as root, so when the tests run as root the server runs as the <c>postgres</c> OS user (created by the package).
/// Each test app gets a fresh database (<see cref="CreateDatabaseAsync"/>); the cluster is shared by the whole process.
/// </summary>
public sealed class PostgresServer
{
    private static readonly Lazy<Task<PostgresServer>> SharedServer = new(StartAsync);

    private readonly string _bin;

    private PostgresServer(string bin, string directory, int port)
    {
        _bin = bin;
        Directory_ = directory;
        Port = port;
    }

    public int Port { get; }

    private string Directory_ { get; }

    private string DataDirectory => Path.Combine(Directory_, "data");

    public string ConnectionString(string database) => new NpgsqlConnectionStringBuilder
    {
        Host = "127.0.0.1",
        Port = Port,
        Username = "postgres",
        Database = database,
        IncludeErrorDetail = true,
        // Many short-lived test apps share one cluster: give idle connections back quickly.
        ConnectionIdleLifetime = 10,
    }.ConnectionString;

    /// <summary>The cluster of this test process, started on first use and stopped when the process exits.</summary>
    public static Task<PostgresServer> SharedAsync() => SharedServer.Value;

    /// <summary>
    /// A cluster of the caller's own, for a test that stops and starts it (<see cref="StopAsync"/>,
    /// <see cref="StartAgainAsync"/>) without disturbing the tests on the shared one. Removed when the process exits.
    /// </summary>
    public static Task<PostgresServer> StartNewAsync() => StartAsync();

    /// <summary>
    /// <c>pg_ctl stop -m fast</c>: the server rolls back open transactions, disconnects every client (they see
    /// 57P01 admin_shutdown) and exits, as on an operator's or an orchestrator's restart.
    /// </summary>
    public Task StopAsync() =>
        RunAsPostgresAsync("pg_ctl", ["-D", DataDirectory, "-m", "fast", "-w", "-t", "60", "stop"], TimeSpan.FromSeconds(90));

    /// <summary>Starts a cluster stopped by <see cref="StopAsync"/> again on the same port and data.</summary>
    public Task StartAgainAsync() =>
        RunAsPostgresAsync("pg_ctl", ["-D", DataDirectory, "-l", Path.Combine(Directory_, "server.log"), "-o", Settings(Port, Directory_),
            "-w", "-t", "60", "start"], TimeSpan.FromSeconds(90));

    public async Task<string> CreateDatabaseAsync(string? name = null)
    {
        name ??= "t_" + Guid.NewGuid().ToString("N");
        await using var connection = new NpgsqlConnection(ConnectionString("postgres"));
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand($"CREATE DATABASE \"{name}\"", connection);
        await command.ExecuteNonQueryAsync();
        return ConnectionString(name);
    }

    public async Task DropDatabaseAsync(string connectionString)
    {
        var name = new NpgsqlConnectionStringBuilder(connectionString).Database!;
        using (var pooled = new NpgsqlConnection(connectionString))
        {
            NpgsqlConnection.ClearPool(pooled);
        }

        await using var connection = new NpgsqlConnection(ConnectionString("postgres"));
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand($"DROP DATABASE IF EXISTS \"{name}\" WITH (FORCE)", connection);
        await command.ExecuteNonQueryAsync();
    }

    private static async Task<PostgresServer> StartAsync()
    {
        var bin = FindBinaries();
        var directory = Path.Combine(Path.GetTempPath(), "marketplace-pg-" + Guid.NewGuid().ToString("N")[..12]);
        Directory.CreateDirectory(directory);
        var port = LocalProcess.FreeLoopbackPort();
        var server = new PostgresServer(bin, directory, port);
        if (LocalProcess.IsRoot)
        {
            await LocalProcess.RunAsync("chown", ["-R", "postgres:postgres", directory], TimeSpan.FromSeconds(10));
        }

        await server.RunAsPostgresAsync("initdb", ["-D", server.DataDirectory, "-U", "postgres", "-A", "trust", "-E", "UTF8",
            "--locale=C.UTF-8", "--no-sync", "--no-instructions"], TimeSpan.FromMinutes(2));
        await server.RunAsPostgresAsync("pg_ctl", ["-D", server.DataDirectory, "-l", Path.Combine(directory, "server.log"),
            "-o", Settings(port, directory), "-w", "-t", "60", "start"], TimeSpan.FromSeconds(90));
        AppDomain.CurrentDomain.ProcessExit += (_, _) => server.Stop();
        return server;
    }

    private static string Settings(int port, string directory) => string.Join(' ',
        $"-p {port}", "-c listen_addresses=127.0.0.1", $"-c unix_socket_directories={directory}",
        "-c max_connections=400", "-c fsync=off", "-c synchronous_commit=off", "-c full_page_writes=off",
        "-c shared_buffers=64MB");

    private void Stop()
    {
        try
        {
            RunAsPostgresAsync("pg_ctl", ["-D", DataDirectory, "-m", "immediate", "-w", "stop"], TimeSpan.FromSeconds(20))
                .GetAwaiter().GetResult();
            Directory.Delete(Directory_, recursive: true);
        }
        catch (Exception ex) when (ex is IOException or InvalidOperationException or TimeoutException or UnauthorizedAccessException)
        {
            // Best effort at process exit; the folder is under the temp directory.
        }
    }

    private Task<string> RunAsPostgresAsync(string tool, IEnumerable<string> arguments, TimeSpan timeout)
    {
        var path = Path.Combine(_bin, tool);
        return LocalProcess.IsRoot
            ? LocalProcess.RunAsync("runuser", ["-u", "postgres", "--", path, .. arguments], timeout)
            : LocalProcess.RunAsync(path, arguments, timeout);
    }

    private static string FindBinaries()
    {
        var root = "/usr/lib/postgresql";
        var bin = System.IO.Directory.Exists(root)
            ? System.IO.Directory.GetDirectories(root)
                .Select(d => Path.Combine(d, "bin"))
                .Where(d => File.Exists(Path.Combine(d, "initdb")))
                .OrderByDescending(d => int.TryParse(Path.GetFileName(Path.GetDirectoryName(d)), out var v) ? v : 0)
                .FirstOrDefault()
            : null;
        return bin ?? throw new InvalidOperationException(
            "PostgreSQL is not installed: no /usr/lib/postgresql/<version>/bin/initdb. Install the Debian package: " +
            "apt-get install -y postgresql (then 'service postgresql stop'; the tests start their own server). .ci/run does this.");
    }
}
