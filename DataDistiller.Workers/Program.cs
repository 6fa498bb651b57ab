using DataDistiller.Core.Ingestion;
using DataDistiller.Infrastructure.Adapters;
using DataDistiller.Infrastructure.Extraction;
using DataDistiller.Infrastructure.Onnx;

// The splitter and embedder consumers, scaled on their own; in the embedded mode the Api runs the same consumers.
var builder = WebApplication.CreateBuilder(args);

builder.AddServiceDefaults();
builder.AddDataDistillerAdapters();
builder.AddOnnxEmbeddings();
builder.Services.AddDocumentExtraction();
builder.AddIngestionPipeline();

var app = builder.Build();

app.MapDefaultEndpoints();

app.Run();
