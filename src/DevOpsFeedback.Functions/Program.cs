using DevOpsFeedback.Azure.Hosting;
using Microsoft.Extensions.Hosting;

var host = new HostBuilder()
    .ConfigureFunctionsWorkerDefaults()
    .ConfigureServices((context, services) => services.AddDevOpsFeedbackAzure(context.Configuration))
    .Build();

host.Run();
