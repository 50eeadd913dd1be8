using Vigie.Web;

if (Vigie.Web.Cli.VigieCli.IsCommand(args))
    return await Vigie.Web.Cli.VigieCli.RunAsync(args);

var app = VigieApp.Build(args);
await VigieApp.PrepareAsync(app);
await app.RunAsync();
return 0;
