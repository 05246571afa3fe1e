using Credentials.Host.Issuing;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Credentials.Host.Tests.Issuing;

/// <summary>
/// A conflict's problem says which conflict it is: each 409 the insurer's APIs answer has a title of its own, not the
/// status's name, and every problem carries its <c>code</c> and a <c>type</c> made from it.
/// </summary>
public sealed class IssuingProblemsTests
{
    [Theory]
    [InlineData("no-signing-key", "No signing key for this institution")]
    [InlineData("jti-taken", "This jti is taken")]
    [InlineData("state-conflict", "Not possible in the document's state")]
    [InlineData("document-revoked", "The document is revoked")]
    public void Each_conflict_has_a_title_that_says_what_is_wrong(string code, string title)
    {
        var problem = Assert.IsType<ProblemHttpResult>(IssuingProblems.Of(409, code, "what is wrong.")).ProblemDetails;
        Assert.Equal(title, problem.Title);
        Assert.Equal(409, problem.Status);
        Assert.Equal(code, problem.Extensions["code"]);
        Assert.Equal("urn:credentials:problem:" + code, problem.Type);
    }
}
