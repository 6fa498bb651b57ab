using DataDistiller.Api.Features.Documents;
using DataDistiller.Api.Features.Experiments;
using DataDistiller.Api.Features.Feedback;
using DataDistiller.Api.Features.Tokens;
using DataDistiller.Core.Retrieval.Experiments;
using DataDistiller.Endpoints.ApiDocs;

namespace DataDistiller.Api.Features.ApiDocs;

/// <summary>Examples of the Api's own bodies (uploads, feedback, experiments) for the OpenAPI document.</summary>
public static class ApiRequestExamples
{
    public static ApiExamples AddApiExamples(this ApiExamples examples)
    {
        ArgumentNullException.ThrowIfNull(examples);
        var documentId = Guid.Parse("0b8f5f0e-6a2d-4c8e-9a51-3d7f2f0c1a11");
        return examples
            .Add(new UploadAccepted([new AcceptedDocument(
                documentId, Guid.Parse("3e2d1c0b-9a8f-4e7d-8c6b-5a4f3e2d1c0b"), "attention.pdf", "accepted", $"/api/v2/documents/{documentId}")]))
            .Add(new FeedbackRequest(Guid.Parse("5d6e7f80-1a2b-4c3d-9e8f-0a1b2c3d4e5f"), "up", "Cited the right page."))
            .Add(new CreateExperimentRequest("rerank-vs-rrf", "papers", [new ExperimentArm("hybrid-rerank@1", 50), new ExperimentArm("hybrid-rrf@1", 50)]))
            .Add(new MintTokenRequest("alice@example.com", "acme", ["reader"], TimeSpan.FromDays(30)))
            .Add(new MintTokenResponse(
                "eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.eyJzdWIiOiJhbGljZUBleGFtcGxlLmNvbSIsInRlbmFudCI6ImFjbWUifQ.c2lnbmF0dXJl",
                new DateTimeOffset(2026, 1, 31, 12, 0, 0, TimeSpan.Zero), "alice@example.com", "acme", ["reader"]));
    }
}
