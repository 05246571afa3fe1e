using Credentials.Cli;

using var signals = StopSignals.Register();
return CliApp.Run(args, new CliConsole(Console.Out, Console.Error, Console.OpenStandardInput) { OpenOutput = Console.OpenStandardOutput }, TimeProvider.System, signals);
