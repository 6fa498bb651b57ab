using DataDistiller.Api.Features;
using DataDistiller.Api.Features.Documents;
using DataDistiller.Api.Features.Search;
using DataDistiller.Infrastructure.Adapters;

var builder = WebApplication.CreateBuilder(args);

builder.AddServiceDefaults();
builder.AddIngestionWithAdapters();
builder.AddRetrievalWithAdapters();
builder.AddUploadLimits();
builder.Services.AddProblemDetails(options => options.CustomizeProblemDetails = CamelCaseValidationErrors.Apply);
builder.Services.AddValidation();

var app = builder.Build();

app.UseExceptionHandler();
app.UseStatusCodePages();
app.MapDefaultEndpoints();
app.MapDocumentsApi();
app.MapSearchApi();

app.Run();

/// <summary>The Api host; public so tests can start it with WebApplicationFactory.</summary>
public partial class Program;
