package io.github.openaiboot.core;

import java.util.List;
import java.util.Map;
import java.util.Objects;

import org.jspecify.annotations.Nullable;

import org.springframework.http.HttpEntity;
import org.springframework.http.client.MultipartBodyBuilder;
import org.springframework.util.LinkedMultiValueMap;
import org.springframework.util.MultiValueMap;

/**
 * The body of a {@code multipart/form-data} request, such as an audio transcription or a
 * file upload: text fields and file parts, written part by part while the request is
 * sent, with the file parts read as they are written. The {@link OpenAiPipeline} sends
 * a request whose {@link OpenAiRequest#body() body} is one of these as multipart rather
 * than as JSON.
 * <p>
 * Fields follow the official SDKs' encoding: an array is sent as repeated {@code key[]}
 * fields, a nested object as {@code key[sub]} fields, booleans as {@code true} and
 * {@code false}.
 *
 * @author openai-spring-boot
 */
public final class OpenAiMultipartBody {

	private final MultiValueMap<String, HttpEntity<?>> parts;

	private final boolean repeatable;

	private OpenAiMultipartBody(MultiValueMap<String, HttpEntity<?>> parts, boolean repeatable) {
		this.parts = parts;
		this.repeatable = repeatable;
	}

	/**
	 * Start building a body.
	 * @return a new builder
	 */
	public static Builder builder() {
		return new Builder();
	}

	/**
	 * Return the parts, in the order they are written.
	 * @return the parts by name
	 */
	public MultiValueMap<String, HttpEntity<?>> parts() {
		return this.parts;
	}

	/**
	 * Return whether the body can be sent again, so that a call can be retried: whether
	 * every file part is a resource or a path rather than a {@code Flux}.
	 * @return whether the body is repeatable
	 */
	public boolean isRepeatable() {
		return this.repeatable;
	}

	/**
	 * Return the value of a text field.
	 * @param name the field's name
	 * @return its first value, or {@code null} when there is none
	 */
	public @Nullable String field(String name) {
		List<HttpEntity<?>> values = this.parts.get(name);
		if (values == null || values.isEmpty()) {
			return null;
		}
		return (values.get(0).getBody() instanceof String value) ? value : null;
	}

	/**
	 * Return this body with a text field's value replaced, as for the model of a request
	 * sent to an Azure OpenAI deployment.
	 * @param name the field's name
	 * @param value its new value
	 * @return a new body
	 */
	public OpenAiMultipartBody withField(String name, String value) {
		MultiValueMap<String, HttpEntity<?>> parts = new LinkedMultiValueMap<>();
		for (Map.Entry<String, List<HttpEntity<?>>> entry : this.parts.entrySet()) {
			if (entry.getKey().equals(name)) {
				MultipartBodyBuilder builder = new MultipartBodyBuilder();
				builder.part(name, value);
				parts.put(name, builder.build().get(name));
			}
			else {
				parts.put(entry.getKey(), entry.getValue());
			}
		}
		return new OpenAiMultipartBody(parts, this.repeatable);
	}

	@Override
	public String toString() {
		return "OpenAiMultipartBody[parts=" + this.parts.keySet() + ", repeatable=" + this.repeatable + "]";
	}

	/**
	 * Builder of {@link OpenAiMultipartBody}.
	 */
	public static final class Builder {

		private final MultipartBodyBuilder parts = new MultipartBodyBuilder();

		private boolean repeatable = true;

		private Builder() {
		}

		/**
		 * Add a file part.
		 * @param name the part's name, such as {@code file}
		 * @param file the file
		 * @return this builder
		 */
		public Builder file(String name, UploadFile file) {
			Objects.requireNonNull(file, "'file' must not be null");
			file.addTo(this, name);
			return this;
		}

		/**
		 * Add a text field, unless its value is {@code null}.
		 * @param name the field's name
		 * @param value the value, written with {@link String#valueOf(Object)}
		 * @return this builder
		 */
		public Builder field(String name, @Nullable Object value) {
			if (value != null) {
				this.parts.part(name, String.valueOf(value));
			}
			return this;
		}

		/**
		 * Add an array field as repeated {@code name[]} fields, unless it is {@code null}.
		 * @param name the field's name, without brackets
		 * @param values the values
		 * @return this builder
		 */
		public Builder array(String name, @Nullable List<?> values) {
			if (values != null) {
				for (Object value : values) {
					this.parts.part(name + "[]", String.valueOf(value));
				}
			}
			return this;
		}

		MultipartBodyBuilder parts() {
			return this.parts;
		}

		void notRepeatable() {
			this.repeatable = false;
		}

		/**
		 * Build the body.
		 * @return the body
		 */
		public OpenAiMultipartBody build() {
			return new OpenAiMultipartBody(this.parts.build(), this.repeatable);
		}

	}

}
