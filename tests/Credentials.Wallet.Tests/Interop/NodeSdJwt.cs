using System.Diagnostics;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;

namespace Credentials.Wallet.Tests.Interop;

/// <summary>
/// The independent implementation: interop.mjs under Node with the packages pinned by package-lock.json, installed
/// once per lock file with <c>npm ci</c> into a folder under the temporary directory (never into the repository).
/// </summary>
internal static class NodeSdJwt
{
    private static readonly Lazy<string> Folder = new(Install);

    /// <summary>Skips (fails under CI) without node and npm; returns the ready folder.</summary>
    public static string Require()
    {
        TestEnvironment.RequireProgram("node", "nodejs");
        TestEnvironment.RequireProgram("npm", "npm");
        return Folder.Value;
    }

    /// <summary>Sends one request to interop.mjs and returns its answer; a refusal fails with Node's message.</summary>
    public static JsonObject Call(JsonObject request)
    {
        var (exitCode, output, error) = Run(Require(), "node", "interop.mjs", request.ToJsonString());
        Assert.True(exitCode == 0, $"the Node implementation refused: {error.Trim()}");
        return JsonNode.Parse(output)!.AsObject();
    }

    /// <summary>Sends one request; a refusal is returned as Node's message instead of failing the test.</summary>
    public static (JsonObject? Answer, string Error) TryCall(JsonObject request)
    {
        var (exitCode, output, error) = Run(Require(), "node", "interop.mjs", request.ToJsonString());
        return exitCode == 0 ? (JsonNode.Parse(output)!.AsObject(), string.Empty) : (null, error.Trim());
    }

    private static string Install()
    {
        var source = Path.Combine(Repository.Root, "tests", "Credentials.Wallet.Tests", "Interop");
        var files = new[] { "package.json", "package-lock.json", "interop.mjs" };
        var hash = Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(string.Concat(files.Select(f => File.ReadAllText(Path.Combine(source, f)))))))[..16];
        var folder = Path.Combine(Path.GetTempPath(), $"credentials-sd-jwt-interop-{hash}");
        Directory.CreateDirectory(folder);
        foreach (var file in files)
        {
            File.Copy(Path.Combine(source, file), Path.Combine(folder, file), overwrite: true);
        }

        if (!File.Exists(Path.Combine(folder, "node_modules", ".package-lock.json")))
        {
            var (exitCode, _, error) = Run(folder, "npm", "ci --no-audit --no-fund", null);
            Assert.True(exitCode == 0, $"npm ci failed: {error.Trim()}");
        }

        return folder;
    }

    private static (int ExitCode, string Output, string Error) Run(string folder, string program, string arguments, string? input)
    {
        var start = new ProcessStartInfo(program, arguments)
        {
            WorkingDirectory = folder,
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        process.StandardInput.Write(input ?? string.Empty);
        process.StandardInput.Close();
        if (!process.WaitForExit(TimeSpan.FromMinutes(3)))
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"{program} {arguments} did not finish in 3 minutes.");
        }

        return (process.ExitCode, output.Result, error.Result);
    }
}
