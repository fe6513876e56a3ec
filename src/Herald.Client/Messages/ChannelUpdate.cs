namespace Herald.Client;

/// <summary>
/// What a subscription yields, in order: <see cref="HeraldEvent"/>s, a <see cref="HeraldSnapshot"/>
/// when one was asked for, and a <see cref="HistoryGap"/> when a resume could not be honoured.
/// </summary>
public abstract record ChannelUpdate(string Channel);
