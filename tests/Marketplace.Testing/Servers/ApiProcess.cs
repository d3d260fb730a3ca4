using System.Diagnostics;
using System.Net.Http.Headers;
using System.Text;

namespace Marketplace.Testing.Servers;

/// <summary>
/// The built API (<c>Marketplace.Api.dll</c>) as a separate <c>dotnet</c> process on a free loopback port: for faults
/// that need a real process — <see cref="Kill"/> is SIGKILL (kill -9: no shutdown hooks, no flush), a restart runs
/// on the same data, and verbs (<see cref="RunVerbAsync"/>) run as an operator would run them.
/// Settings are passed as environment variables (<c>A:B</c> → <c>A__B</c>), the way a deployment configures it.
/// </summary>
public sealed class ApiProcess : IAsyncDisposable
{
    private readonly StringBuilder _output = new();
    private Process? _process;

    public ApiProcess(string? dataDirectory = null)
    {
        DataDirectory = dataDirectory ?? Path.Combine(Path.GetTempPath(), "marketplace-process-tests", Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(DataDirectory);
        Port = LocalProcess.FreeLoopbackPort();
        Settings["DataDirectory"] = DataDirectory;
        Settings["Identity:Admin:Email"] = MarketplaceApp.AdminEmail;
        Settings["Identity:Admin:Password"] = MarketplaceApp.AdminPassword;
        Settings["Identity:PasswordHasher:IterationCount"] = "1000";
        Settings["Identity:LoginRateLimit:PermitLimit"] = "100000";
        Settings["RateLimits:Registration:PermitLimit"] = "100000";
        Settings["RateLimits:TokenRefresh:PermitLimit"] = "100000";
        Settings["RateLimits:Posting:PermitLimit"] = "100000";
        Settings["Outbox:PollInterval"] = "00:00:00.200";
        Settings["Serilog:MinimumLevel:Default"] = "Warning";
    }

    public string DataDirectory { get; }

    public int Port { get; }

    public Uri BaseAddress => new($"http://127.0.0.1:{Port}");

    /// <summary>The host environment; <c>Testing</c> unless a test plays Production.</summary>
    public string Environment { get; set; } = "Testing";

    public Dictionary<string, string> Settings { get; } = new(StringComparer.OrdinalIgnoreCase);

    public bool IsRunning => _process is { HasExited: false };

    public int ProcessId => _process?.Id ?? 0;

    /// <summary>Everything the process wrote so far (for failure messages).</summary>
    public string Output
    {
        get
        {
            lock (_output)
            {
                return _output.ToString();
            }
        }
    }

    /// <summary>The path of the API assembly built beside this test run (same configuration).</summary>
    public static string ApiAssembly
    {
        get
        {
            var here = new DirectoryInfo(AppContext.BaseDirectory);
            var configuration = here.Parent?.Name ?? "Release"; // …/bin/<Configuration>/<tfm>/
            var root = here;
            while (root is not null && !File.Exists(Path.Combine(root.FullName, "Marketplace.sln")))
            {
                root = root.Parent;
            }

            if (root is null)
            {
                throw new InvalidOperationException($"No Marketplace.sln above {AppContext.BaseDirectory}.");
            }

            var dll = Path.Combine(root.FullName, "src", "Marketplace.Api", "bin", configuration, here.Name, "Marketplace.Api.dll");
            return File.Exists(dll) ? dll : throw new FileNotFoundException($"Build src/Marketplace.Api ({configuration}) first.", dll);
        }
    }

    /// <summary>Starts the server and waits until <c>/health/live</c> answers.</summary>
    public async Task StartAsync(TimeSpan? timeout = null)
    {
        if (IsRunning)
        {
            throw new InvalidOperationException("Already running.");
        }

        _process = Start(["--urls", BaseAddress.ToString().TrimEnd('/')]);
        using var http = new HttpClient { BaseAddress = BaseAddress, Timeout = TimeSpan.FromSeconds(2) };
        var deadline = DateTime.UtcNow + (timeout ?? TimeSpan.FromSeconds(180));
        while (true)
        {
            if (_process.HasExited)
            {
                throw new InvalidOperationException($"The API exited with {_process.ExitCode} while starting:\n{Output}");
            }

            try
            {
                if ((await http.GetAsync("/health/live")).IsSuccessStatusCode)
                {
                    return;
                }
            }
            catch (Exception e) when (e is HttpRequestException or TaskCanceledException)
            {
                // Not listening yet.
            }

            if (DateTime.UtcNow > deadline)
            {
                Kill(); // never leave a half-started server behind
                throw new TimeoutException($"The API did not answer /health/live within the deadline:\n{Output}");
            }

            await Task.Delay(100);
        }
    }

    /// <summary>SIGKILL: the process gets no chance to finish anything (kill -9).</summary>
    public void Kill()
    {
        if (_process is { HasExited: false } process)
        {
            process.Kill(entireProcessTree: true);
            process.WaitForExit();
        }
    }

    /// <summary>Runs a verb (<c>backup</c>, <c>restore</c>, <c>migrate</c>…) on the same settings, to completion.</summary>
    public async Task<(int ExitCode, string Output)> RunVerbAsync(params string[] arguments)
    {
        var before = Output.Length;
        using var process = Start(arguments);
        using var cancel = new CancellationTokenSource(TimeSpan.FromMinutes(3));
        await process.WaitForExitAsync(cancel.Token);
        process.WaitForExit(); // drains the output handlers
        return (process.ExitCode, Output[before..]);
    }

    public HttpClient CreateClient(string? bearer = null)
    {
        var http = new HttpClient { BaseAddress = BaseAddress, Timeout = TimeSpan.FromSeconds(30) };
        if (bearer is not null)
        {
            http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", bearer);
        }

        return http;
    }

    public ApiClient Anonymous() => new(CreateClient());

    /// <summary>Registers and signs in a new account of <paramref name="role"/>.</summary>
    public async Task<ApiClient> SignUpAsync(string role)
    {
        var email = $"{role}-{Guid.NewGuid():N}@tests.marketplace.id";
        const string password = "Rahasia-123-Pasar";
        var anonymous = Anonymous();
        var registered = await anonymous.PostAsync("/api/v1/auth/register", new { email, password, displayName = "Test " + role, role });
        await registered.ShouldHaveStatusAsync(201);
        var client = await SignInAsync(email, password);
        client.UserId = Guid.Parse((await registered.JsonAsync())["user"]!["id"]!.GetValue<string>());
        return client;
    }

    public async Task<ApiClient> SignInAsync(string email, string password)
    {
        var login = await Anonymous().PostAsync("/api/v1/auth/login", new { email, password });
        await login.ShouldHaveStatusAsync(200);
        var client = new ApiClient(CreateClient((await login.JsonAsync())["accessToken"]!.GetValue<string>())) { Email = email };
        return client;
    }

    public Task<ApiClient> AdminAsync() => SignInAsync(MarketplaceApp.AdminEmail, MarketplaceApp.AdminPassword);

    public async ValueTask DisposeAsync()
    {
        Kill();
        _process?.Dispose();
        await Task.Yield();
        try
        {
            Directory.Delete(DataDirectory, recursive: true);
        }
        catch (IOException)
        {
            // A file may be held a moment longer; the OS temp cleaner gets it.
        }
        catch (UnauthorizedAccessException)
        {
        }
    }

    private Process Start(IEnumerable<string> arguments)
    {
        var info = new ProcessStartInfo("dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            // The content root (appsettings.json) is the working directory of a plain `dotnet X.dll`.
            WorkingDirectory = Path.GetDirectoryName(ApiAssembly)!,
        };
        info.ArgumentList.Add(ApiAssembly);
        foreach (var argument in arguments)
        {
            info.ArgumentList.Add(argument);
        }

        info.Environment["ASPNETCORE_ENVIRONMENT"] = Environment;
        info.Environment["DOTNET_ENVIRONMENT"] = Environment;
        foreach (var (key, value) in Settings)
        {
            info.Environment[key.Replace(":", "__", StringComparison.Ordinal)] = value;
        }

        var process = new Process { StartInfo = info, EnableRaisingEvents = true };
        process.OutputDataReceived += (_, e) => Append(e.Data);
        process.ErrorDataReceived += (_, e) => Append(e.Data);
        process.Start();
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return process;
    }

    private void Append(string? line)
    {
        if (line is null)
        {
            return;
        }

        lock (_output)
        {
            // Bounded: a long load test must not grow the test process without limit.
            if (_output.Length > 2_000_000)
            {
                _output.Remove(0, 1_000_000);
            }

            _output.AppendLine(line);
        }
    }
}
