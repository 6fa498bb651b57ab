using DataDistiller.Infrastructure.Adapters;

// The splitter and embedder consumers, scaled on their own; in the embedded mode the Api runs the same consumers.
var builder = WebApplication.CreateBuilder(args);

builder.AddServiceDefaults();
builder.AddIngestionWithAdapters();

var app = builder.Build();

app.MapDefaultEndpoints();

app.Run();
