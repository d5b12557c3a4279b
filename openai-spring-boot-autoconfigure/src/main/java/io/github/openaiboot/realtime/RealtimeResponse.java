package io.github.openaiboot.realtime;

import java.util.List;

import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;

/**
 * A response of a realtime session, as carried by {@code response.created} and
 * {@code response.done}.
 *
 * @param id the response id
 * @param status {@code in_progress}, {@code completed}, {@code cancelled},
 * {@code incomplete} or {@code failed}
 * @param statusDetails why it is not completed, if so
 * @param output the output items
 * @param usage the usage, on {@code response.done}
 * @param conversationId the conversation, or {@code null} for an out-of-band response
 * @author openai-spring-boot
 * @since 0.1.0
 */
public record RealtimeResponse(@Nullable String id, @Nullable String status, @Nullable JsonNode statusDetails,
		@Nullable List<JsonNode> output, @Nullable RealtimeUsage usage, @Nullable String conversationId) {

}
