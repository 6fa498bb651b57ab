using System.Collections.Immutable;
using System.Security.Claims;
using DataDistiller.Core.Documents;
using DataDistiller.Endpoints.Security;
using Microsoft.Extensions.Options;

namespace DataDistiller.Api.Features.Events;

/// <summary>
/// Hands each document change to the live clients that follow it. Publishing only queues (bounded, per client), so a slow
/// client never holds up the others or the source of events.
/// </summary>
public sealed class DocumentEventHub(IOptions<DocumentEventsOptions> options, IHostApplicationLifetime lifetime)
{
    private ImmutableArray<EventSubscription> _subscriptions = [];

    public int SubscriberCount => _subscriptions.Length;

    /// <summary>
    /// Fires when the host begins to stop: live streams end then, or the server would wait for them until its shutdown
    /// timeout.
    /// </summary>
    public CancellationToken Stopping => lifetime.ApplicationStopping;

    /// <summary>A new, empty subscription for the caller's tenant; dispose it when the client leaves.</summary>
    public EventSubscription Subscribe(ClaimsPrincipal user)
    {
        ArgumentNullException.ThrowIfNull(user);
        var subscription = new EventSubscription(CallerTenant.Of(user), options.Value.SendQueueCapacity, Remove);
        ImmutableInterlocked.Update(ref _subscriptions, s => s.Add(subscription));
        return subscription;
    }

    public void Publish(DocumentChanged change)
    {
        foreach (var subscription in _subscriptions)
        {
            subscription.Offer(change);
        }
    }

    private void Remove(EventSubscription subscription) => ImmutableInterlocked.Update(ref _subscriptions, s => s.Remove(subscription));
}
