namespace DevOpsFeedback.Backtest;

/// <summary>Bad backtest input, located by file, line and column where they are known ("t.csv:3:4: ...").</summary>
public sealed class BacktestInputException : Exception
{
    public BacktestInputException(string file, int? line, int? column, string problem)
        : base(Locate(file, line, column) + problem)
    {
        File = file;
        Line = line;
        Column = column;
        Problem = problem;
    }

    public BacktestInputException()
        : this("input", null, null, "bad input")
    {
    }

    public BacktestInputException(string message)
        : this("input", null, null, message)
    {
    }

    public BacktestInputException(string message, Exception innerException)
        : base(message, innerException)
    {
        File = "input";
        Problem = message;
    }

    public string File { get; }

    public int? Line { get; }

    public int? Column { get; }

    public string Problem { get; }

    private static string Locate(string file, int? line, int? column) =>
        line is null ? $"{file}: " : column is null ? $"{file}:{line}: " : $"{file}:{line}:{column}: ";
}
