namespace Herald.LoadGen.Clients;

/// <summary>Delivery correctness over all subscribers still connected at the end of a run.</summary>
internal sealed record LossReport(long Lost, long Duplicates, long OutOfOrder, long Recovered, long Unrecovered, int ClientsChecked, int Disconnected);
