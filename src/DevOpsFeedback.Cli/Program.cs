using System.CommandLine;
using DevOpsFeedback.Cli.Demo;

var root = new RootCommand("dfb — DevOpsFeedback: release, monitor and feed back into planning for Azure App Service")
{
    DemoCommand.Create(),
    DevOpsFeedback.Cli.Serve.ServeCommand.Create(),
};

return await root.Parse(args).InvokeAsync();
