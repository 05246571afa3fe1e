using Credentials.Cli;

return CliApp.Run(args, new CliConsole(Console.Out, Console.Error, Console.OpenStandardInput) { OpenOutput = Console.OpenStandardOutput }, TimeProvider.System);
