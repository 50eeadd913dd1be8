using Spectre.Console;
using Vigie.Tests.Infrastructure;
using Vigie.Web.Cli;

namespace Vigie.Tests.Cli;

/// <summary>Runs CLI verbs in-process against a test app's services, capturing what the verb prints.</summary>
public static class CliRunner
{
    public static async Task<(int ExitCode, string Output)> RunCliAsync(this VigieFactory f, params string[] args)
    {
        var writer = new StringWriter();
        var console = AnsiConsole.Create(new AnsiConsoleSettings
        {
            Ansi = AnsiSupport.No,
            ColorSystem = ColorSystemSupport.NoColors,
            Interactive = InteractionSupport.No,
            Out = new AnsiConsoleOutput(writer),
        });
        console.Profile.Width = 240;
        var code = await VigieCli.RunAsync(args, new CliHost(console, () => f.Services));
        return (code, writer.ToString());
    }
}
