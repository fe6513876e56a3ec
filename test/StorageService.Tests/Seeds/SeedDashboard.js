// Seed 001's storage dashboard client, as its write-up describes it, with nothing of Herald in it:
// the OpenAPI models' FromJSON (typescript-fetch style), connectStorageMonitor() of client.ts,
// handleStorageEvent() of monitor_storage.ts with its type-safe handler map, and App.vue's
// storageMonitorRequest().then(connectStorageMonitor). Only the host is the test server's.
// The handlers record what the stores would be told, in window.__seed.
async (jwt) => {
  window.__seed = { events: [], pings: 0 };

  // --- api models (generated) ---
  const StorageMonitorEventEventTypeEnum = {
    StoragePingEvent: "storage_ping_event",
    LocationCreatedEvent: "location_created_event",
    LocationUpdatedEvent: "location_updated_event",
    AipCreatedEvent: "aip_created_event",
    AipUpdatedEvent: "aip_updated_event",
    AipWorkflowCreatedEvent: "aip_workflow_created_event",
    AipWorkflowUpdatedEvent: "aip_workflow_updated_event",
    AipTaskCreatedEvent: "aip_task_created_event",
    AipTaskUpdatedEvent: "aip_task_updated_event",
  };
  function StorageMonitorEventEventFromJSON(json) {
    if (json == null) return json;
    return { type: json["type"], value: json["value"] };
  }
  function StorageMonitorEventFromJSON(json) {
    if (json == null) return json;
    return { event: json["event"] == null ? undefined : StorageMonitorEventEventFromJSON(json["event"]) };
  }

  // --- monitor_storage.ts ---
  const record = (type) => (data) => {
    if (typeof data !== "object" || data === null || !("uuid" in data) || !("item" in data)) {
      throw new Error(`${type}: value is not {uuid, item}`);
    }
    window.__seed.events.push({ type, uuid: data.uuid, item: data.item });
  };
  const handlers = {
    [StorageMonitorEventEventTypeEnum.StoragePingEvent]: () => { window.__seed.pings++; },
    [StorageMonitorEventEventTypeEnum.LocationCreatedEvent]: record("location_created_event"),
    [StorageMonitorEventEventTypeEnum.LocationUpdatedEvent]: record("location_updated_event"),
    [StorageMonitorEventEventTypeEnum.AipCreatedEvent]: record("aip_created_event"),
    [StorageMonitorEventEventTypeEnum.AipUpdatedEvent]: record("aip_updated_event"),
    [StorageMonitorEventEventTypeEnum.AipWorkflowCreatedEvent]: record("aip_workflow_created_event"),
    [StorageMonitorEventEventTypeEnum.AipWorkflowUpdatedEvent]: record("aip_workflow_updated_event"),
    [StorageMonitorEventEventTypeEnum.AipTaskCreatedEvent]: record("aip_task_created_event"),
    [StorageMonitorEventEventTypeEnum.AipTaskUpdatedEvent]: record("aip_task_updated_event"),
  };
  function handleStorageEvent(event) {
    handlers[event.type](event.value);
  }

  // --- client.ts ---
  function getWebSocketURL() {
    return (location.protocol === "https:" ? "wss://" : "ws://") + location.host;
  }
  function connectStorageMonitor() {
    const url = getWebSocketURL() + "/storage/monitor";
    const socket = new WebSocket(url);
    // No try/catch, as in the seed: a frame it cannot parse or handle throws, and the test sees the page error.
    socket.onmessage = (event) => {
      const body = JSON.parse(event.data);
      const monitorEvent = StorageMonitorEventFromJSON(body);
      handleStorageEvent(monitorEvent.event);
    };
    window.__seed.socket = socket;
    return new Promise((resolve) => socket.addEventListener("open", resolve, { once: true }));
  }
  const storageMonitorRequest = () =>
    fetch("/storage/monitor", { method: "POST", headers: { Authorization: `Bearer ${jwt}` } });

  // --- App.vue ---
  await storageMonitorRequest().then(() => connectStorageMonitor());
}
