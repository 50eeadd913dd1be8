using System.Formats.Tar;
using System.IO.Compression;
using System.Net;
using Microsoft.EntityFrameworkCore;
using Vigie.Tests.Cli;
using Vigie.Tests.Infrastructure;
using Vigie.Web.Domain;

namespace Vigie.Tests.Operations;

/// <summary>
/// Issue 16 item 5: <c>backup</c> then <c>restore</c> on a fresh install (the server was lost): the new instance
/// serves the same accounts, contracts and waiting uploads. On SQLite through the online backup API, on PostgreSQL
/// through pg_dump/pg_restore (test.sh installs them with the server).
/// </summary>
public sealed class BackupRestoreTests : IAsyncLifetime
{
    private readonly string _folder = Directory.CreateTempSubdirectory("vigie-backup-tests-").FullName;
    private readonly VigieFactory _old = new();
    private readonly VigieFactory _fresh = new();

    public BackupRestoreTests()
    {
        _old.Settings["Observatory:UploadFolder"] = Path.Combine(_folder, "uploads-old");
        _fresh.Settings["Observatory:UploadFolder"] = Path.Combine(_folder, "uploads-fresh");
    }

    public async Task InitializeAsync()
    {
        await _old.InitializeAsync();
        await _fresh.InitializeAsync();
    }

    public async Task DisposeAsync()
    {
        await ((IAsyncLifetime)_old).DisposeAsync();
        await ((IAsyncLifetime)_fresh).DisposeAsync();
        Directory.Delete(_folder, recursive: true);
    }

    private string Archive() => Path.Combine(_folder, $"{Guid.NewGuid():N}.tar.gz");

    [Fact]
    public async Task BackupThenRestoreOnAFreshInstall_ServesTheSameData()
    {
        var user = await _old.UserAsync();
        var contract = await _old.ContractAsync((user, ContractRole.Coordinator));
        Directory.CreateDirectory(Path.Combine(_folder, "uploads-old", "job-1"));
        await File.WriteAllTextAsync(Path.Combine(_folder, "uploads-old", "job-1", "base.csv"), "codgeo;annee\n59350;2024\n");
        var archive = Archive();

        var (backupCode, backupOutput) = await _old.RunCliAsync("backup", "--output", archive, "--include-keys");
        Assert.True(backupCode == 0, backupOutput);
        Assert.False(File.Exists(archive + ".partial"));
        Assert.Contains("keys/cases.key", Entries(archive));

        Assert.False(await _fresh.WithDb(db => db.Contracts.AnyAsync(c => c.Id == contract.Id)));
        var (restoreCode, restoreOutput) = await _fresh.RunCliAsync("restore", "--input", archive);

        Assert.True(restoreCode == 0, restoreOutput);
        Assert.Contains("Sauvegarde restaurée", restoreOutput);
        var client = await PageClient.SignedInAsync(_fresh, user);
        var page = await client.GetDocumentAsync($"/contrats/{contract.Id}");
        Assert.Contains(contract.Title, page.Body!.TextContent);
        Assert.Equal("codgeo;annee\n59350;2024\n", await File.ReadAllTextAsync(Path.Combine(_folder, "uploads-fresh", "job-1", "base.csv")));
    }

    [Fact]
    public async Task Restore_OverAnInstanceWithAccounts_NeedsForce()
    {
        var archive = Archive();
        Assert.Equal(0, (await _old.RunCliAsync("backup", "--output", archive)).ExitCode);
        var kept = await _fresh.UserAsync();

        var (code, output) = await _fresh.RunCliAsync("restore", "--input", archive);

        Assert.Equal(2, code);
        Assert.Contains("--force", output);
        Assert.True(await _fresh.WithDb(db => db.Users.AnyAsync(u => u.Id == kept.Id)));
    }

    [Fact]
    public async Task Restore_OfAFileThatIsNotABackup_NamesTheOptionAndChangesNothing()
    {
        var kept = await _fresh.UserAsync();
        var bogus = Path.Combine(_folder, "pas-une-sauvegarde.tar.gz");
        await File.WriteAllTextAsync(bogus, "ceci n'est pas une archive");

        var (code, output) = await _fresh.RunCliAsync("restore", "--input", bogus, "--force");

        Assert.Equal(2, code);
        Assert.Contains("--input", output);
        Assert.True(await _fresh.WithDb(db => db.Users.AnyAsync(u => u.Id == kept.Id)));
    }

    [Fact]
    public async Task Backup_IntoAMissingFolder_NamesTheOption()
    {
        var (code, output) = await _old.RunCliAsync("backup", "--output", Path.Combine(_folder, "absent", "x.tar.gz"));

        Assert.Equal(2, code);
        Assert.Contains("--output", output);
    }

    private static List<string> Entries(string archive)
    {
        using var gzip = new GZipStream(File.OpenRead(archive), CompressionMode.Decompress);
        using var tar = new TarReader(gzip);
        var names = new List<string>();
        while (tar.GetNextEntry() is { } e) names.Add(e.Name);
        return names;
    }
}
