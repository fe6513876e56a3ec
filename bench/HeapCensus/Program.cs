using Microsoft.Diagnostics.Runtime;

// Usage: Herald.Bench.HeapCensus <pid> <connections> [top]
// Suspends the process while it walks the heap: run it against an idle server, not a measured one.
if (args.Length < 2 || !int.TryParse(args[0], out var pid) || !int.TryParse(args[1], out var connections) || connections <= 0)
{
    Console.Error.WriteLine("usage: Herald.Bench.HeapCensus <pid> <connections> [top]");
    return 2;
}

var top = args.Length > 2 && int.TryParse(args[2], out var t) ? t : 40;
using var target = DataTarget.AttachToProcess(pid, suspend: true);
using var runtime = target.ClrVersions[0].CreateRuntime();
var byType = new Dictionary<string, (long Count, long Bytes)>(StringComparer.Ordinal);
long total = 0;
foreach (var obj in runtime.Heap.EnumerateObjects())
{
    if (!obj.IsValid || obj.IsFree)
    {
        continue;
    }

    var name = obj.Type?.Name ?? "?";
    var size = (long)obj.Size;
    byType[name] = byType.TryGetValue(name, out var seen) ? (seen.Count + 1, seen.Bytes + size) : (1, size);
    total += size;
}

Console.WriteLine($"heap objects: {total:N0} B in all, {total / connections:N0} B per connection ({connections:N0} connections)");
Console.WriteLine($"{"B/conn",8} {"objs/conn",9}  type");
foreach (var (name, (count, bytes)) in byType.OrderByDescending(kv => kv.Value.Bytes).Take(top))
{
    Console.WriteLine($"{bytes / (double)connections,8:N0} {count / (double)connections,9:N2}  {name}");
}

return 0;
