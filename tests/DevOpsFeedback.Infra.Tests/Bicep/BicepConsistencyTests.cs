using System.Text.RegularExpressions;

namespace DevOpsFeedback.Infra.Tests.Bicep;

/// <summary>
/// The compile errors a missing Bicep CLI would not catch here: modules that do not exist, parameters passed that a
/// module does not declare, required parameters not passed, parameter files out of step with main.bicep, unbalanced
/// brackets, and multi-line ternaries (Bicep parses a ternary on one line only).
/// </summary>
public sealed partial class BicepConsistencyTests
{
    public static TheoryData<string> BicepFiles() => new(RepositoryFiles.BicepFiles().Select(RepositoryFiles.Relative));

    public static TheoryData<string> ParameterFiles() => new(RepositoryFiles.ParameterFiles().Select(RepositoryFiles.Relative));

    [Theory]
    [MemberData(nameof(BicepFiles))]
    public void Modules_ExistAndReceiveExactlyTheirParameters(string relativePath)
    {
        var path = Path.Combine(RepositoryFiles.Root, relativePath);
        var document = BicepDocument.Load(path);

        foreach (var module in document.Modules)
        {
            var modulePath = Path.GetFullPath(Path.Combine(Path.GetDirectoryName(path)!, module.Path));
            Assert.True(File.Exists(modulePath), $"{relativePath}: module {module.Symbol} points at missing {module.Path}");
            var declared = BicepDocument.Load(modulePath).DeclaredParameters;

            var unknown = module.Parameters.Where(p => !declared.ContainsKey(p)).ToList();
            var missing = declared.Where(d => !d.Value && !module.Parameters.Contains(d.Key)).Select(d => d.Key).ToList();
            Assert.True(unknown.Count == 0, $"{relativePath}: module {module.Symbol} passes undeclared {string.Join(", ", unknown)}");
            Assert.True(missing.Count == 0, $"{relativePath}: module {module.Symbol} does not pass required {string.Join(", ", missing)}");
        }
    }

    [Fact]
    public void MainBicep_UsesEveryModuleFile()
    {
        var used = RepositoryFiles.BicepFiles()
            .SelectMany(f => BicepDocument.Load(f).Modules.Select(m => Path.GetFileName(m.Path)))
            .ToHashSet(StringComparer.Ordinal);
        var moduleFiles = Directory.EnumerateFiles(Path.Combine(RepositoryFiles.InfraDirectory, "modules"), "*.bicep").Select(f => Path.GetFileName(f));

        Assert.All(moduleFiles, f => Assert.Contains(f, used));
    }

    [Theory]
    [MemberData(nameof(ParameterFiles))]
    public void ParameterFile_AssignsOnlyDeclaredAndEveryRequiredParameter(string relativePath)
    {
        var parameters = BicepDocument.Parse(RepositoryFiles.Read(relativePath));
        Assert.Matches(@"(?m)^using '\./main\.bicep'$", parameters.Stripped);
        var declared = BicepDocument.Load(Path.Combine(RepositoryFiles.InfraDirectory, "main.bicep")).DeclaredParameters;

        var undeclared = parameters.AssignedParameters.Where(p => !declared.ContainsKey(p)).ToList();
        var unassigned = declared.Where(d => !d.Value && !parameters.AssignedParameters.Contains(d.Key)).Select(d => d.Key).ToList();
        Assert.True(undeclared.Count == 0, $"{relativePath} assigns undeclared {string.Join(", ", undeclared)}");
        Assert.True(unassigned.Count == 0, $"{relativePath} does not assign required {string.Join(", ", unassigned)}");
    }

    [Theory]
    [MemberData(nameof(BicepFiles))]
    public void BicepFile_BracketsBalanceAndTernariesStayOnOneLine(string relativePath)
    {
        var masked = BicepDocument.Load(Path.Combine(RepositoryFiles.Root, relativePath)).Masked;

        foreach (var (open, close) in new[] { ('{', '}'), ('[', ']'), ('(', ')') })
        {
            Assert.Equal(masked.Count(c => c == open), masked.Count(c => c == close));
        }

        Assert.DoesNotMatch(TernaryContinuation(), masked);
    }

    [Fact]
    public void DeclaredParameters_ReadsDefaultsAndNullables()
    {
        var document = BicepDocument.Parse("""
            @description('x = y')
            param required string
            param withDefault int = 3
            param nullable string?
            @secure()
            param secret string = ''
            """);

        Assert.Equal(
            new Dictionary<string, bool> { ["required"] = false, ["withDefault"] = true, ["nullable"] = true, ["secret"] = true },
            document.DeclaredParameters);
    }

    // A line that starts with '?' or ':' continues a ternary from the line above.
    [GeneratedRegex(@"(?m)^[ \t]*[?:][ \t]")]
    private static partial Regex TernaryContinuation();
}
