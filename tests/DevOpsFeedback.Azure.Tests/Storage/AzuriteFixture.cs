using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Text;
using DevOpsFeedback.Azure.Tables;

namespace DevOpsFeedback.Azure.Storage;

/// <summary>
/// Starts Azurite's Table service (from the lockfile in tests/azurite) with in-memory persistence on a free loopback
/// port, waits until it answers, and stops it after the collection. Fails with the install command when missing.
/// </summary>
public sealed class AzuriteFixture : IAsyncLifetime
{
    private static readonly TimeSpan StartDeadline = TimeSpan.FromSeconds(60);
    private readonly StringBuilder _output = new();
    private Process? _process;
    private string? _workDir;

    public Uri ServiceUri { get; private set; } = null!;

    public string ConnectionString =>
        "DefaultEndpointsProtocol=http;AccountName=devstoreaccount1;AccountKey=Eby8vdM02xNOcqFlqUwJPLlmEtlCDXJ1OUzFT50uSRZ6IFsuFq2UVErCz4I6tq/K1SZFPTOtr/KBHBeksoGMGw==;"
        + $"TableEndpoint={ServiceUri};";

    /// <summary>Options with a table prefix unique to the caller, so tests never see each other's data.</summary>
    public TableStorageOptions NewOptions() => new()
    {
        ConnectionString = ConnectionString,
        TablePrefix = "t" + Guid.NewGuid().ToString("N")[..12],
        RetryDelay = TimeSpan.FromMilliseconds(50),
        MaxRetries = 2,
    };

    public TableStorageClient NewClient() => new(NewOptions());

    public async Task InitializeAsync()
    {
        var root = FindRepositoryRoot();
        var bin = Path.Combine(root, "tests", "azurite", "node_modules", ".bin", "azurite-table");
        if (!File.Exists(bin))
        {
            throw new InvalidOperationException($"Azurite is not installed ({bin} is missing): run `npm ci --prefix tests/azurite` in the repository root");
        }

        var port = FreePort();
        _workDir = Directory.CreateTempSubdirectory("azurite-").FullName;
        var start = new ProcessStartInfo(bin)
        {
            ArgumentList = { "--inMemoryPersistence", "--tableHost", "127.0.0.1", "--tablePort", port.ToString(System.Globalization.CultureInfo.InvariantCulture) },
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            WorkingDirectory = _workDir,
        };
        _process = Process.Start(start) ?? throw new InvalidOperationException($"could not start {bin}");
        _process.OutputDataReceived += (_, e) => Append(e.Data);
        _process.ErrorDataReceived += (_, e) => Append(e.Data);
        _process.BeginOutputReadLine();
        _process.BeginErrorReadLine();

        ServiceUri = new Uri($"http://127.0.0.1:{port}/devstoreaccount1");
        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(2) };
        var deadline = Stopwatch.StartNew();
        while (true)
        {
            if (_process.HasExited)
            {
                throw new InvalidOperationException($"Azurite exited with code {_process.ExitCode} before answering: {Output()}");
            }

            try
            {
                using var response = await http.GetAsync(new Uri(ServiceUri, "devstoreaccount1/Tables"));
                return; // any HTTP answer (403 without a signature) means it is serving
            }
            catch (HttpRequestException) when (deadline.Elapsed < StartDeadline)
            {
                await Task.Delay(100);
            }
            catch (TaskCanceledException) when (deadline.Elapsed < StartDeadline)
            {
                await Task.Delay(100);
            }
        }
    }

    public async Task DisposeAsync()
    {
        if (_process is { HasExited: false })
        {
            _process.Kill(entireProcessTree: true);
            await _process.WaitForExitAsync();
        }

        _process?.Dispose();
        if (_workDir is not null) Directory.Delete(_workDir, recursive: true);
    }

    private void Append(string? line)
    {
        if (line is null) return;
        lock (_output) _output.AppendLine(line);
    }

    private string Output()
    {
        lock (_output) return _output.ToString();
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    internal static string FindRepositoryRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "tests", "azurite", "package.json"))) return dir.FullName;
        }

        throw new InvalidOperationException($"no tests/azurite/package.json above {AppContext.BaseDirectory}");
    }
}
