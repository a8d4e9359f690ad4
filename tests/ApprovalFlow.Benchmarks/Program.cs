using BenchmarkDotNet.Running;

// Runs the benchmarks chosen on the command line, e.g.
//   dotnet run -c Release --project tests/ApprovalFlow.Benchmarks -- --filter '*'
//   dotnet run -c Release --project tests/ApprovalFlow.Benchmarks -- --filter '*' --job short
BenchmarkSwitcher.FromAssembly(typeof(ApprovalFlow.Benchmarks.Processes).Assembly).Run(args);
