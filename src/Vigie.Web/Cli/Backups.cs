using System.CommandLine;
using System.Diagnostics;
using System.Formats.Tar;
using System.IO.Compression;
using System.Text.Json;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Options;
using Spectre.Console;
using Vigie.Web.Features.Cases;
using Vigie.Web.Features.Imports;

namespace Vigie.Web.Cli;

/// <summary>
/// The <c>backup</c> and <c>restore</c> verbs (issue 16 item 5): one <c>.tar.gz</c> holding the database (SQLite:
/// online backup API, consistent while the app runs; PostgreSQL: <c>pg_dump -Fc</c>), the files waiting in the upload
/// folder and, with <c>--include-keys</c>, the key files named by the configuration (data-protection certificate,
/// follow-up key). Keys are left out by default: docs/key-management.md asks for them to be kept apart from database
/// backups. Restore is all-or-nothing for the database (SQLite backup API; <c>pg_restore --single-transaction</c>),
/// then applies the migrations of this build. docs/operations.md.
/// </summary>
public static class Backups
{
    private const string ManifestName = "vigie-backup.json";
    private const string SqliteEntry = "database/vigie.db";
    private const string PostgresEntry = "database/vigie.dump";
    private const string UploadsPrefix = "uploads/";
    private const string KeysPrefix = "keys/";

    private sealed record Manifest(int Format, string Provider, DateTimeOffset CreatedUtc, string? LastMigration, int Uploads, string[] Keys);

    public static Command BackupCommand(CliHost host)
    {
        var output = new Option<string>("--output", "-o") { Description = "Archive à écrire (.tar.gz).", Required = true };
        var keys = new Option<bool>("--include-keys") { Description = "Ajoute les fichiers de clés configurés (à conserver séparément : voir docs/key-management.md)." };
        var command = new Command("backup", "Sauvegarde la base, les fichiers déposés et, sur demande, les clés dans une archive.") { output, keys };
        command.SetAction((parse, ct) => host.RunAsync((sp, token) => BackupAsync(host.Console, sp, parse.GetValue(output)!, parse.GetValue(keys), token), ct));
        return command;
    }

    public static Command RestoreCommand(CliHost host)
    {
        var input = new Option<string>("--input", "-i") { Description = "Archive produite par « backup ».", Required = true };
        var force = new Option<bool>("--force") { Description = "Remplace une base qui contient déjà des comptes." };
        var keys = new Option<bool>("--include-keys") { Description = "Restaure aussi les fichiers de clés de l'archive aux emplacements configurés (sans écraser une clé différente)." };
        var command = new Command("restore", "Restaure une sauvegarde : base, fichiers déposés et, sur demande, clés.") { input, force, keys };
        command.SetAction((parse, ct) => host.RunAsync((sp, token) => RestoreAsync(host.Console, sp, parse.GetValue(input)!, parse.GetValue(force), parse.GetValue(keys), token), ct));
        return command;
    }

    private static async Task<int> BackupAsync(IAnsiConsole console, IServiceProvider sp, string output, bool includeKeys, CancellationToken ct)
    {
        var db = sp.GetRequiredService<AppDbContext>();
        var target = Path.GetFullPath(output);
        if (!Directory.Exists(Path.GetDirectoryName(target)))
            throw new UserInputException($"--output : le dossier de « {output} » n'existe pas.");
        var work = Directory.CreateTempSubdirectory("vigie-backup-");
        var partial = target + ".partial";
        try
        {
            string dbEntry, dbFile;
            if (db.Database.IsSqlite())
            {
                (dbEntry, dbFile) = (SqliteEntry, Path.Combine(work.FullName, "vigie.db"));
                await using var live = new SqliteConnection(db.Database.GetConnectionString());
                await live.OpenAsync(ct);
                await using var copy = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = dbFile, Pooling = false }.ToString());
                await copy.OpenAsync(ct);
                live.BackupDatabase(copy);
            }
            else
            {
                (dbEntry, dbFile) = (PostgresEntry, Path.Combine(work.FullName, "vigie.dump"));
                await RunPgAsync("pg_dump", ["--format=custom", "--no-owner", $"--file={dbFile}"], db.Database.GetConnectionString()!, ct);
            }
            var uploads = UploadFolder(sp);
            var uploadFiles = Directory.Exists(uploads) ? Directory.GetFiles(uploads, "*", SearchOption.AllDirectories) : [];
            var keyFiles = includeKeys ? KeyFiles(sp).Where(k => File.Exists(k.Path)).ToList() : [];
            var lastMigration = (await db.Database.GetAppliedMigrationsAsync(ct)).LastOrDefault();
            var manifest = new Manifest(1, db.Database.IsSqlite() ? "Sqlite" : "Postgres", DateTimeOffset.UtcNow, lastMigration,
                uploadFiles.Length, [.. keyFiles.Select(k => k.Name)]);

            await using (var file = File.Create(partial))
            await using (var gzip = new GZipStream(file, CompressionLevel.Optimal))
            await using (var tar = new TarWriter(gzip, TarEntryFormat.Pax))
            {
                var manifestEntry = new PaxTarEntry(TarEntryType.RegularFile, ManifestName) { DataStream = new MemoryStream(JsonSerializer.SerializeToUtf8Bytes(manifest)) };
                await tar.WriteEntryAsync(manifestEntry, ct);
                await tar.WriteEntryAsync(dbFile, dbEntry, ct);
                foreach (var f in uploadFiles)
                    await tar.WriteEntryAsync(f, UploadsPrefix + Path.GetRelativePath(uploads, f).Replace('\\', '/'), ct);
                foreach (var k in keyFiles) await tar.WriteEntryAsync(k.Path, KeysPrefix + k.Name, ct);
            }
            File.Move(partial, target, overwrite: true);
            console.MarkupLine($"[green]Sauvegarde écrite[/] : {Markup.Escape(target)} ({manifest.Provider}, {uploadFiles.Length} fichier(s) déposé(s), {keyFiles.Count} clé(s)).");
            if (!includeKeys) console.MarkupLine("Clés non incluses : sauvegardez-les séparément (docs/key-management.md).");
            return ExitCodes.Success;
        }
        finally
        {
            if (File.Exists(partial)) File.Delete(partial);
            work.Delete(recursive: true);
        }
    }

    private static async Task<int> RestoreAsync(IAnsiConsole console, IServiceProvider sp, string input, bool force, bool includeKeys, CancellationToken ct)
    {
        var db = sp.GetRequiredService<AppDbContext>();
        var source = Path.GetFullPath(input);
        if (!File.Exists(source)) throw new UserInputException($"--input : le fichier « {input} » n'existe pas.");
        var work = Directory.CreateTempSubdirectory("vigie-restore-");
        try
        {
            var manifest = await ExtractAsync(source, work.FullName, ct);
            var provider = db.Database.IsSqlite() ? "Sqlite" : "Postgres";
            if (manifest.Provider != provider)
                throw new UserInputException($"--input : la sauvegarde vient d'une base {manifest.Provider}, la base configurée est {provider}.");
            if (manifest.LastMigration is { } last && !db.Database.GetMigrations().Contains(last))
                throw new UserInputException($"--input : la sauvegarde a été faite par une version plus récente de Vigie (migration {last}) : installez-la avant de restaurer.");
            if (!force && await db.Database.CanConnectAsync(ct) && (await db.Database.GetAppliedMigrationsAsync(ct)).Any() && await db.Users.AnyAsync(ct))
                throw new UserInputException("La base configurée contient déjà des comptes : ajoutez --force pour la remplacer par la sauvegarde.");
            // Keys first: nothing else is touched when one would overwrite a different key.
            var keys = includeKeys ? RestoreKeys(sp, work.FullName, manifest) : 0;

            if (db.Database.IsSqlite())
            {
                await using var backup = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = Path.Combine(work.FullName, SqliteEntry), Mode = SqliteOpenMode.ReadOnly, Pooling = false }.ToString());
                await backup.OpenAsync(ct);
                await using var live = new SqliteConnection(db.Database.GetConnectionString());
                await live.OpenAsync(ct);
                backup.BackupDatabase(live);
                SqliteConnection.ClearAllPools();
            }
            else
            {
                await RunPgAsync("pg_restore", ["--clean", "--if-exists", "--no-owner", "--single-transaction", "--exit-on-error",
                    Path.Combine(work.FullName, PostgresEntry)], db.Database.GetConnectionString()!, ct);
                Npgsql.NpgsqlConnection.ClearAllPools();
            }

            var uploads = UploadFolder(sp);
            var uploadSource = Path.Combine(work.FullName, "uploads");
            var restored = 0;
            if (Directory.Exists(uploadSource))
                foreach (var f in Directory.GetFiles(uploadSource, "*", SearchOption.AllDirectories))
                {
                    var to = Path.Combine(uploads, Path.GetRelativePath(uploadSource, f));
                    Directory.CreateDirectory(Path.GetDirectoryName(to)!);
                    File.Copy(f, to, overwrite: true);
                    restored++;
                }
            var pending = (await db.Database.GetPendingMigrationsAsync(ct)).Count();
            await db.Database.MigrateAsync(ct);
            console.MarkupLine($"[green]Sauvegarde restaurée[/] du {manifest.CreatedUtc.ToOffset(TimeSpan.Zero):dd/MM/yyyy HH:mm} UTC ({provider}, {restored} fichier(s) déposé(s), {keys} clé(s), {pending} migration(s) appliquée(s)).");
            return ExitCodes.Success;
        }
        finally
        {
            work.Delete(recursive: true);
        }
    }

    /// <summary>Extracts the archive, refusing entries outside the expected folders (path traversal) and archives without manifest.</summary>
    private static async Task<Manifest> ExtractAsync(string archive, string folder, CancellationToken ct)
    {
        try
        {
            await using var file = File.OpenRead(archive);
            await using var gzip = new GZipStream(file, CompressionMode.Decompress);
            await using var tar = new TarReader(gzip);
            while (await tar.GetNextEntryAsync(cancellationToken: ct) is { } entry)
            {
                if (entry.EntryType is not (TarEntryType.RegularFile or TarEntryType.V7RegularFile)) continue;
                var to = Path.GetFullPath(Path.Combine(folder, entry.Name));
                if (!to.StartsWith(folder + Path.DirectorySeparatorChar, StringComparison.Ordinal))
                    throw new UserInputException($"--input : l'archive contient un chemin interdit (« {entry.Name} »).");
                Directory.CreateDirectory(Path.GetDirectoryName(to)!);
                await entry.ExtractToFileAsync(to, overwrite: true, ct);
            }
        }
        catch (Exception e) when (e is InvalidDataException or FormatException or EndOfStreamException)
        {
            throw new UserInputException("--input : ce fichier n'est pas une archive de sauvegarde Vigie lisible (.tar.gz).");
        }
        var manifestPath = Path.Combine(folder, ManifestName);
        var dbPresent = File.Exists(Path.Combine(folder, SqliteEntry)) || File.Exists(Path.Combine(folder, PostgresEntry));
        if (!File.Exists(manifestPath) || !dbPresent)
            throw new UserInputException("--input : ce fichier n'est pas une sauvegarde Vigie (manifeste ou base absents).");
        return JsonSerializer.Deserialize<Manifest>(await File.ReadAllBytesAsync(manifestPath, ct))
            ?? throw new UserInputException("--input : manifeste de sauvegarde illisible.");
    }

    private static int RestoreKeys(IServiceProvider sp, string folder, Manifest manifest)
    {
        var count = 0;
        foreach (var (name, path) in KeyFiles(sp).Where(k => manifest.Keys.Contains(k.Name)))
        {
            var saved = File.ReadAllBytes(Path.Combine(folder, "keys", name));
            if (File.Exists(path))
            {
                if (!File.ReadAllBytes(path).AsSpan().SequenceEqual(saved))
                    throw new UserInputException($"--include-keys : une clé différente existe déjà en {path} ; déplacez-la ou restaurez sans --include-keys.");
                continue;
            }
            Directory.CreateDirectory(Path.GetDirectoryName(path)!);
            File.WriteAllBytes(path, saved);
            if (!OperatingSystem.IsWindows()) File.SetUnixFileMode(path, UnixFileMode.UserRead | UnixFileMode.UserWrite);
            count++;
        }
        return count;
    }

    /// <summary>The current key files of the configuration (production settings, else the generated development files).</summary>
    private static IEnumerable<(string Name, string Path)> KeyFiles(IServiceProvider sp)
    {
        var root = sp.GetRequiredService<IHostEnvironment>().ContentRootPath;
        var config = sp.GetRequiredService<IConfiguration>();
        var dp = config[$"{KeyProtectionOptions.Section}:{nameof(KeyProtectionOptions.CertificatePath)}"];
        var cases = config[$"{CasesOptions.Section}:{nameof(CasesOptions.EncryptionKeyFile)}"];
        yield return ("data-protection.pfx", Path.GetFullPath(string.IsNullOrWhiteSpace(dp) ? KeyProtection.DevelopmentCertificate : dp, root));
        yield return ("cases.key", Path.GetFullPath(string.IsNullOrWhiteSpace(cases) ? CasesOptions.DevelopmentKeyFile : cases, root));
    }

    private static string UploadFolder(IServiceProvider sp) => sp.GetRequiredService<IOptions<ObservatoryOptions>>().Value.ResolveUploadFolder();

    /// <summary>Runs pg_dump/pg_restore with the connection's parameters in PG* variables (the password never on the command line).</summary>
    private static async Task RunPgAsync(string tool, string[] arguments, string connectionString, CancellationToken ct)
    {
        var cs = new Npgsql.NpgsqlConnectionStringBuilder(connectionString);
        var start = new ProcessStartInfo(tool) { RedirectStandardError = true, RedirectStandardOutput = true, UseShellExecute = false };
        foreach (var a in arguments) start.ArgumentList.Add(a);
        if (tool == "pg_restore") start.ArgumentList.Insert(0, $"--dbname={cs.Database}");
        start.Environment["PGHOST"] = cs.Host;
        start.Environment["PGPORT"] = cs.Port.ToString(System.Globalization.CultureInfo.InvariantCulture);
        start.Environment["PGDATABASE"] = cs.Database;
        if (cs.Username is { } user) start.Environment["PGUSER"] = user;
        if (cs.Password is { } password) start.Environment["PGPASSWORD"] = password;
        Process process;
        try
        {
            process = Process.Start(start)!;
        }
        catch (System.ComponentModel.Win32Exception)
        {
            throw new UserInputException($"{tool} est introuvable : installez le paquet Debian postgresql-client (même version majeure que le serveur).");
        }
        using (process)
        {
            var error = process.StandardError.ReadToEndAsync(ct);
            await process.StandardOutput.ReadToEndAsync(ct);
            await process.WaitForExitAsync(ct);
            if (process.ExitCode != 0)
                throw new InvalidOperationException($"{tool} a échoué (code {process.ExitCode}) : {(await error).Trim()}");
        }
    }
}
