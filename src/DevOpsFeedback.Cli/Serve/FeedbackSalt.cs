using System.Security.Cryptography;

namespace DevOpsFeedback.Cli.Serve;

/// <summary>
/// The local host's user-reference salt when configuration gives none (<c>Feedback__UserRefSalt</c>): generated on
/// first start into the data folder (owner-only) and kept, so hashes of one user stay comparable across restarts.
/// </summary>
public static class FeedbackSalt
{
    public const string FileName = "feedback-salt";

    public static string LoadOrCreate(string dataDirectory)
    {
        Directory.CreateDirectory(dataDirectory);
        var path = Path.Combine(dataDirectory, FileName);
        if (File.Exists(path))
        {
            var existing = File.ReadAllText(path).Trim();
            if (existing.Length >= 32) return existing;
        }

        var salt = Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(32));
        File.WriteAllText(path, salt + "\n");
        if (!OperatingSystem.IsWindows()) File.SetUnixFileMode(path, UnixFileMode.UserRead | UnixFileMode.UserWrite);
        return salt;
    }
}
