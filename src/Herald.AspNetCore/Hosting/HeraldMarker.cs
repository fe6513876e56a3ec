namespace Herald.AspNetCore.Hosting;

/// <summary>Registered by <c>AddHerald</c>, so a <c>MapHerald*</c> call can tell that it was made.</summary>
internal sealed class HeraldMarker;
