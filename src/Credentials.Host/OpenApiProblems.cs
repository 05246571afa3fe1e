using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;

namespace Credentials.Host;

/// <summary>The RFC 9457 problems an API endpoint answers with, for its OpenAPI description.</summary>
internal static class OpenApiProblems
{
    /// <summary>Describes each status as an <c>application/problem+json</c> answer.</summary>
    public static RouteHandlerBuilder Problems(this RouteHandlerBuilder builder, params int[] statuses)
    {
        ArgumentNullException.ThrowIfNull(builder);
        foreach (var status in statuses)
        {
            builder.ProducesProblem(status);
        }

        return builder;
    }
}
