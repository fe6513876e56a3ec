namespace Herald.Security;

public enum CredentialKind
{
    Jwt,
    ApiKey,
    Ticket,
}
