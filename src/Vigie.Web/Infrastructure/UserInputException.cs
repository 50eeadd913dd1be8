namespace Vigie.Web.Infrastructure;

/// <summary>An error caused by the user's input, with a French message safe to show as is.</summary>
public class UserInputException(string message) : Exception(message);
