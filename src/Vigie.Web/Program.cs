using Vigie.Web;

if (Cli.IsCommand(args))
    return await Cli.RunAsync(args);

var app = VigieApp.Build(args);
await VigieApp.PrepareAsync(app);
await app.RunAsync();
return 0;
