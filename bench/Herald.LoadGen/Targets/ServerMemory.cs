namespace Herald.LoadGen.Targets;

/// <summary>A server's memory after a full collection: resident set, and managed heap where the runtime tells it.</summary>
internal sealed record ServerMemory(long RssBytes, long? HeapBytes);
