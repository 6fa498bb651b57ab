using DataDistiller.Api.Features.ApiDocs;
using DataDistiller.Api.Features.DeadLetters;
using DataDistiller.Api.Features.Collections;
using DataDistiller.Api.Features.Documents;
using DataDistiller.Api.Features.Events;
using DataDistiller.Api.Features.Experiments;
using DataDistiller.Api.Features.Feedback;
using DataDistiller.Api.Features.Forwarding;
using DataDistiller.Api.Features.Strategies;
using DataDistiller.Api.Features.Tokens;
using DataDistiller.Api.Features.WebUi;
using DataDistiller.Core.Answers;
using DataDistiller.Core.Retrieval.Experiments;
using DataDistiller.Endpoints;
using DataDistiller.Endpoints.ApiDocs;
using DataDistiller.Endpoints.Security;
using DataDistiller.Infrastructure.Adapters;
using DataDistiller.Infrastructure.Chat;

var builder = WebApplication.CreateBuilder(args);

builder.AddServiceDefaults();
builder.AddApiAuthentication();
builder.AddIngestionWithAdapters();
builder.AddRetrievalWithAdapters();
builder.AddRetrievalEndpoints();
builder.AddRetrievalForwarding();
builder.AddExperiments();
builder.AddChatModels();
builder.AddAnswers();
builder.AddUploadLimits();
builder.AddDocumentUploads();
builder.AddLiveProgress();
builder.Services.AddRequestProblems();
builder.Services.AddValidation();
builder.AddApiDocs(examples => examples.AddRetrievalExamples().AddApiExamples());

var app = builder.Build();

app.UseExceptionHandler();
app.UseStatusCodePages();
// The UI's static files are served before authentication, so they stay anonymous.
app.UseWebUi();
app.UseApiAuthentication();
app.UseWebSockets();
app.MapDefaultEndpoints();
app.MapApiDocs();
app.MapDocumentsApi();
app.MapCollectionsApi();
app.MapSearchAndQueryApis();
app.MapFeedbackApi();
app.MapExperimentsApi();
app.MapStrategiesApi();
app.MapDeadLettersApi();
app.MapTokensApi();
app.MapEventsApi();

app.Run();

/// <summary>The Api host; public so tests can start it with WebApplicationFactory.</summary>
public partial class Program;
