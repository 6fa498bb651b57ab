extern alias retrieval;

using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using retrieval::DataDistiller.Retrieval;

namespace DataDistiller.Tests.Support;

/// <summary>The Retrieval host in embedded mode on its own data directory.</summary>
public sealed class RetrievalFactory(string dataDirectory) : WebApplicationFactory<RetrievalHost>
{
    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseEnvironment("Testing");
        builder.UseSetting("DataDistiller:DataDirectory", dataDirectory);
    }
}
