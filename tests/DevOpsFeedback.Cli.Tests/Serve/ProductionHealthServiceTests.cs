using DevOpsFeedback.Ports;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace DevOpsFeedback.Cli.Serve;

public sealed class ProductionHealthServiceTests : IDisposable
{
    private readonly string _data = Path.Combine(Path.GetTempPath(), "dfb-health-" + Guid.NewGuid().ToString("N"));

    public void Dispose()
    {
        if (Directory.Exists(_data)) Directory.Delete(_data, recursive: true);
    }

    [Fact]
    public async Task CheckOnce_TargetThatDoesNotAnswer_LogsAWarningWithTheCauseAndKeepsTheSchedule()
    {
        var logs = new CapturingLoggerProvider();
        await using var app = ServeHost.Build(new ServeSettings(DataDirectory: _data), [], b =>
        {
            b.WebHost.UseTestServer();
            b.Logging.ClearProviders();
            b.Logging.AddProvider(logs);
            b.Services.AddSingleton<ISlotController>(new UnreachableTarget());
        });
        var health = app.Services.GetServices<IHostedService>().OfType<ProductionHealthService>().Single();

        await health.CheckOnceAsync(CancellationToken.None);

        Assert.NotNull(health.LastRun);
        var warning = Assert.Single(logs.Entries, e => e.Level == LogLevel.Warning);
        Assert.Contains(ServeHost.DemoApp, warning.Message, StringComparison.Ordinal);
        Assert.IsType<HttpRequestException>(warning.Exception);
    }

    private sealed class UnreachableTarget : ISlotController
    {
        public Task<SlotsSnapshot> ReadSlotsAsync(string app, CancellationToken cancellationToken) => throw new HttpRequestException("ARM did not answer");

        public Task<SwapResult> SwapAsync(string app, string wantedProductionVersion, CancellationToken cancellationToken) => throw new HttpRequestException("ARM did not answer");

        public Task SetCanaryAsync(string app, double percent, CancellationToken cancellationToken) => throw new HttpRequestException("ARM did not answer");

        public Task<SmokeTestResult> SmokeTestAsync(string app, string slot, SmokeTestSpec spec, CancellationToken cancellationToken) =>
            throw new HttpRequestException("ARM did not answer");
    }

    private sealed class CapturingLoggerProvider : ILoggerProvider
    {
        public List<(LogLevel Level, string Message, Exception? Exception)> Entries { get; } = [];

        public ILogger CreateLogger(string categoryName) => new Logger(this);

        public void Dispose()
        {
        }

        private sealed class Logger(CapturingLoggerProvider owner) : ILogger
        {
            public IDisposable? BeginScope<TState>(TState state)
                where TState : notnull => null;

            public bool IsEnabled(LogLevel logLevel) => true;

            public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
            {
                lock (owner.Entries) owner.Entries.Add((logLevel, formatter(state, exception), exception));
            }
        }
    }
}
