using System.Diagnostics;
using System.Text.RegularExpressions;
using Checklist.Web.Tests.Infrastructure;

namespace Checklist.Web.Tests.Shipping;

/// <summary>
/// Docker cannot build images on this machine, so the Dockerfile is kept right by its structure and by
/// checking that `dotnet publish` produces exactly what its final stage copies.
/// </summary>
public sealed partial class ContainerImageTests
{
    private static readonly string[] Lines = File.ReadAllLines(Path.Combine(RepositoryPaths.Root, "Dockerfile"));

    [Fact]
    public void Dockerfile_BaseImages_ArePinnedToExactVersions()
    {
        var froms = Lines.Where(l => l.StartsWith("FROM ")).ToList();
        Assert.Equal(2, froms.Count);
        foreach (var from in froms)
        {
            Assert.Matches(PinnedImage(), from);
            Assert.DoesNotContain(":latest", from);
        }
        Assert.Contains("/dotnet/sdk:", froms[0]);
        Assert.Contains("/dotnet/aspnet:", froms[1]);
    }

    [Fact]
    public void Dockerfile_FinalStage_RunsAsNonRootAndCopiesOnlyPublishedOutput()
    {
        var final = Lines.SkipWhile(l => !l.StartsWith("FROM ") || !l.Contains(" AS final")).ToList();
        Assert.NotEmpty(final);
        var copies = final.Where(l => l.StartsWith("COPY")).ToList();
        Assert.All(copies, c => Assert.Contains("--from=build", c));
        Assert.All(copies, c => Assert.Matches(@"/out/(web|cli) ", c));
        var user = final.Single(l => l.StartsWith("USER "));
        Assert.DoesNotContain("root", user);
        Assert.DoesNotContain(" 0", user);
        Assert.Contains(final, l => l.StartsWith("ENTRYPOINT") && l.Contains("Checklist.Web.dll"));
    }

    [Fact]
    public void Dockerignore_KeepsBuildOutputAndDataOutOfTheContext()
    {
        var ignore = File.ReadAllLines(Path.Combine(RepositoryPaths.Root, ".dockerignore"));
        Assert.Contains("**/bin/", ignore);
        Assert.Contains("**/obj/", ignore);
        Assert.Contains("**/data/", ignore);
        Assert.Contains(".git/", ignore);
    }

    [Fact]
    public async Task Publish_Web_HoldsTheAppAndItsContent()
    {
        var output = Path.Combine(Path.GetTempPath(), "checklist-publish", Guid.NewGuid().ToString("N"));
        try
        {
            var project = Path.Combine(RepositoryPaths.Root, "src", "Checklist.Web", "Checklist.Web.csproj");
            var info = new ProcessStartInfo("dotnet", ["publish", project, "-c", "Release", "-o", output, "/p:UseAppHost=false", "--nologo", "-v", "q"])
            {
                RedirectStandardOutput = true,
                RedirectStandardError = true,
            };
            using var process = Process.Start(info)!;
            var stdout = process.StandardOutput.ReadToEndAsync();
            var stderr = process.StandardError.ReadToEndAsync();
            await process.WaitForExitAsync();
            Assert.True(process.ExitCode == 0, await stdout + await stderr);

            Assert.True(File.Exists(Path.Combine(output, "Checklist.Web.dll")));
            Assert.True(File.Exists(Path.Combine(output, "appsettings.json")));
            Assert.True(File.Exists(Path.Combine(output, "wwwroot", "lib", "bootstrap", "dist", "css", "bootstrap.min.css")));
            foreach (var folder in new[] { "checklists", "templates" })
            {
                var source = Directory.GetFiles(Path.Combine(RepositoryPaths.Root, folder)).Select(Path.GetFileName).Order();
                var published = Directory.GetFiles(Path.Combine(output, folder)).Select(Path.GetFileName).Order();
                Assert.Equal(source, published);
            }
        }
        finally
        {
            if (Directory.Exists(output)) Directory.Delete(output, recursive: true);
        }
    }

    [GeneratedRegex(@"^FROM [a-z0-9./-]+:\d+\.\d+\.\d+(-[a-z0-9.-]+)?(@sha256:[0-9a-f]{64})? AS [a-z]+$")]
    private static partial Regex PinnedImage();
}
