using System.CommandLine;

namespace DevOpsFeedback.Cli;

/// <summary>How <c>dfb</c> treats its command line: a line it cannot parse is bad input, refused with exit 2 and the reasons on standard error.</summary>
public static class CliEntry
{
    public static async Task<int> RunAsync(RootCommand root, string[] args, TextWriter error, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(root);
        ArgumentNullException.ThrowIfNull(args);
        ArgumentNullException.ThrowIfNull(error);
        var parsed = root.Parse(args);
        if (parsed.Errors.Count > 0 && !args.Any(a => a is "--help" or "-h" or "-?"))
        {
            foreach (var parseError in parsed.Errors) await error.WriteLineAsync($"dfb: {parseError.Message}");
            await error.WriteLineAsync("Run 'dfb --help' for usage.");
            return 2;
        }

        return await parsed.InvokeAsync(cancellationToken: cancellationToken);
    }
}
