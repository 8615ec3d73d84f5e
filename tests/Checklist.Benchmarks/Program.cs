using BenchmarkDotNet.Running;

// Every benchmark class in this assembly is offered; pick with --filter, e.g. --filter '*Runbook*'.
BenchmarkSwitcher.FromAssembly(typeof(Program).Assembly).Run(args);
