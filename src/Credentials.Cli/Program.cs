using Credentials.Cli;

using var signals = StopSignals.Register(Console.Error);
return CliApp.Run(args, new CliConsole(Console.Out, Console.Error, Console.OpenStandardInput) { OpenOutput = Console.OpenStandardOutput }, TimeProvider.System, signals);
