package io.github.openaiboot.observation;

import io.micrometer.common.docs.KeyName;
import io.micrometer.observation.Observation;
import io.micrometer.observation.ObservationConvention;
import io.micrometer.observation.docs.ObservationDocumentation;

/**
 * Documentation of the OpenAI client observation, named after the OpenTelemetry GenAI
 * semantic conventions.
 *
 * @author openai-spring-boot
 */
public enum OpenAiObservationDocumentation implements ObservationDocumentation {

	/**
	 * One OpenAI call, retries included; for streams, until the stream ends.
	 */
	CLIENT_OPERATION {

		@Override
		public Class<? extends ObservationConvention<? extends Observation.Context>> getDefaultConvention() {
			return DefaultOpenAiObservationConvention.class;
		}

		@Override
		public KeyName[] getLowCardinalityKeyNames() {
			return LowCardinalityKeyNames.values();
		}

		@Override
		public KeyName[] getHighCardinalityKeyNames() {
			return HighCardinalityKeyNames.values();
		}

		@Override
		public Observation.Event[] getEvents() {
			return Events.values();
		}

	};

	/**
	 * Low cardinality key names, which become meter tags.
	 */
	public enum LowCardinalityKeyNames implements KeyName {

		/**
		 * Operation: chat, embeddings, image_generation or models.
		 */
		OPERATION_NAME {
			@Override
			public String asString() {
				return "gen_ai.operation.name";
			}
		},

		/**
		 * Provider, always {@code openai}.
		 */
		PROVIDER_NAME {
			@Override
			public String asString() {
				return "gen_ai.provider.name";
			}
		},

		/**
		 * Model the request asked for.
		 */
		REQUEST_MODEL {
			@Override
			public String asString() {
				return "gen_ai.request.model";
			}
		},

		/**
		 * Error kind of a failed call, or {@code none}.
		 */
		ERROR_TYPE {
			@Override
			public String asString() {
				return "error.type";
			}
		},

		/**
		 * Name of the client, to tell several OpenAI clients apart.
		 */
		CLIENT_NAME {
			@Override
			public String asString() {
				return "openai.client";
			}
		}

	}

	/**
	 * High cardinality key names, which go to traces only.
	 */
	public enum HighCardinalityKeyNames implements KeyName {

		/**
		 * {@code x-request-id} of a failed call, to quote to OpenAI support.
		 */
		REQUEST_ID {
			@Override
			public String asString() {
				return "openai.request.id";
			}
		},

		/**
		 * Id of the response, such as {@code chatcmpl-…}.
		 */
		RESPONSE_ID {
			@Override
			public String asString() {
				return "gen_ai.response.id";
			}
		},

		/**
		 * Model that answered.
		 */
		RESPONSE_MODEL {
			@Override
			public String asString() {
				return "gen_ai.response.model";
			}
		},

		/**
		 * Why each answer ended.
		 */
		RESPONSE_FINISH_REASONS {
			@Override
			public String asString() {
				return "gen_ai.response.finish_reasons";
			}
		},

		/**
		 * Sampling temperature of the request.
		 */
		REQUEST_TEMPERATURE {
			@Override
			public String asString() {
				return "gen_ai.request.temperature";
			}
		},

		/**
		 * Upper bound of generated tokens of the request.
		 */
		REQUEST_MAX_TOKENS {
			@Override
			public String asString() {
				return "gen_ai.request.max_tokens";
			}
		},

		/**
		 * Prompt tokens used.
		 */
		USAGE_INPUT_TOKENS {
			@Override
			public String asString() {
				return "gen_ai.usage.input_tokens";
			}
		},

		/**
		 * Generated tokens used.
		 */
		USAGE_OUTPUT_TOKENS {
			@Override
			public String asString() {
				return "gen_ai.usage.output_tokens";
			}
		},

		/**
		 * HTTP status of a failed call's last attempt.
		 */
		RESPONSE_STATUS_CODE {
			@Override
			public String asString() {
				return "http.response.status_code";
			}
		},

		/**
		 * Attempts retried before the last one, when there were any.
		 */
		RETRIES {
			@Override
			public String asString() {
				return "openai.retries";
			}
		},

		/**
		 * {@code x-request-id} of each retried attempt, in order, where the server sent
		 * one.
		 */
		RETRIED_REQUEST_IDS {
			@Override
			public String asString() {
				return "openai.retried.request_ids";
			}
		}

	}

	/**
	 * Events of the observation.
	 */
	public enum Events implements Observation.Event {

		/**
		 * First chunk of a stream arrived.
		 */
		FIRST_CHUNK {
			@Override
			public String getName() {
				return "gen_ai.client.first_chunk";
			}
		},

		/**
		 * An attempt failed and is retried; its contextual name says how it failed
		 * (status, error kind, request id) and how long the call waits.
		 */
		RETRY {
			@Override
			public String getName() {
				return "gen_ai.client.retry";
			}
		}

	}

}
