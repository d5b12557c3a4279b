package io.github.openaiboot.aot;

import java.util.List;

import io.github.openaiboot.audio.SpeechEvent;
import io.github.openaiboot.audio.SpeechRequest;
import io.github.openaiboot.audio.SpeechUsage;
import io.github.openaiboot.audio.Transcription;
import io.github.openaiboot.audio.TranscriptionEvent;
import io.github.openaiboot.audio.TranscriptionUsage;
import io.github.openaiboot.chat.ChatCompletion;
import io.github.openaiboot.chat.ChatCompletionChunk;
import io.github.openaiboot.chat.ChatMessage;
import io.github.openaiboot.chat.ChatRequest;
import io.github.openaiboot.chat.ContentPart;
import io.github.openaiboot.chat.ResponseFormat;
import io.github.openaiboot.chat.Tool;
import io.github.openaiboot.chat.ToolCall;
import io.github.openaiboot.chat.ToolChoice;
import io.github.openaiboot.embedding.Embedding;
import io.github.openaiboot.embedding.EmbeddingRequest;
import io.github.openaiboot.embedding.EmbeddingResponse;
import io.github.openaiboot.embedding.EncodingFormat;
import io.github.openaiboot.error.AuthenticationException;
import io.github.openaiboot.error.ContentFilterException;
import io.github.openaiboot.error.InvalidRequestException;
import io.github.openaiboot.error.OpenAiError;
import io.github.openaiboot.error.OpenAiErrorKind;
import io.github.openaiboot.error.OpenAiException;
import io.github.openaiboot.error.OpenAiServerException;
import io.github.openaiboot.error.OpenAiTransportException;
import io.github.openaiboot.error.PermissionDeniedException;
import io.github.openaiboot.error.QuotaExceededException;
import io.github.openaiboot.error.RateLimitException;
import io.github.openaiboot.error.StreamErrorException;
import io.github.openaiboot.file.FileDeletion;
import io.github.openaiboot.file.OpenAiFile;
import io.github.openaiboot.image.ImageRequest;
import io.github.openaiboot.image.ImageResponse;
import io.github.openaiboot.model.ModelInfo;
import io.github.openaiboot.moderation.ModerationInput;
import io.github.openaiboot.moderation.ModerationRequest;
import io.github.openaiboot.moderation.ModerationResponse;
import io.github.openaiboot.responses.ReasoningOptions;
import io.github.openaiboot.responses.Response;
import io.github.openaiboot.responses.ResponseContent;
import io.github.openaiboot.responses.ResponseDeletion;
import io.github.openaiboot.responses.ResponseError;
import io.github.openaiboot.responses.ResponseInput;
import io.github.openaiboot.responses.ResponseItem;
import io.github.openaiboot.responses.ResponseRequest;
import io.github.openaiboot.responses.ResponseStreamEvent;
import io.github.openaiboot.responses.ResponseTool;
import io.github.openaiboot.responses.ResponseUsage;
import io.github.openaiboot.responses.TextOptions;
import io.github.openaiboot.usage.Usage;
import org.jspecify.annotations.Nullable;

import org.springframework.aot.hint.BindingReflectionHintsRegistrar;
import org.springframework.aot.hint.MemberCategory;
import org.springframework.aot.hint.ReflectionHints;
import org.springframework.aot.hint.RuntimeHints;
import org.springframework.aot.hint.RuntimeHintsRegistrar;
import org.springframework.aot.hint.TypeReference;

/**
 * What a GraalVM native image must keep for the clients to work: the request and response
 * types that Jackson binds to and from OpenAI's JSON, the exception types, and the JTokkit
 * vocabularies that token counting reads. Registered in {@code META-INF/spring/aot.factories}.
 *
 * @author openai-spring-boot
 */
public final class OpenAiRuntimeHints implements RuntimeHintsRegistrar {

	/**
	 * The wire types Jackson binds, nested ones included. Their fields, constructors and
	 * methods are all kept, since Jackson also looks for non-public creators and accessors.
	 */
	static final List<TypeReference> BOUND_TYPES = List.of(
			// chat
			type(ChatRequest.class), type(ChatRequest.StreamOptions.class), type(ChatMessage.class),
			type(ContentPart.class), type(ContentPart.Text.class), type(ContentPart.Image.class),
			type(ContentPart.ImageUrl.class), type(ResponseFormat.class), type(ResponseFormat.JsonSchema.class),
			type(Tool.class), type(Tool.Function.class), type(ToolCall.class), type(ToolCall.FunctionCall.class),
			type(ToolChoice.class), type(ChatCompletion.class), type(ChatCompletion.Choice.class),
			type(ChatCompletion.Logprobs.class), type(ChatCompletion.TokenLogprob.class),
			type(ChatCompletion.TopLogprob.class), type(ChatCompletionChunk.class),
			type(ChatCompletionChunk.ChunkChoice.class), type(ChatCompletionChunk.Delta.class),
			type(ChatCompletionChunk.ToolCallDelta.class), type(ChatCompletionChunk.FunctionDelta.class),
			// embedding
			type(EmbeddingRequest.class), type(EmbeddingResponse.class), type(Embedding.class),
			type(EncodingFormat.class), TypeReference.of("io.github.openaiboot.embedding.EmbeddingVectorDeserializer"),
			// image
			type(ImageRequest.class), type(ImageResponse.class), type(ImageResponse.Image.class),
			// model
			type(ModelInfo.class), TypeReference.of("io.github.openaiboot.model.DefaultModelsClient$ModelList"),
			// responses
			type(ResponseRequest.class), type(ResponseInput.class), type(ResponseTool.class),
			type(TextOptions.class), type(TextOptions.Format.class), type(ReasoningOptions.class),
			type(ResponseItem.class), type(ResponseItem.Message.class), type(ResponseItem.FunctionCall.class),
			type(ResponseItem.FunctionCallOutput.class), type(ResponseItem.Reasoning.class),
			type(ResponseItem.ItemReference.class), type(ResponseItem.Other.class), type(ResponseContent.class),
			type(ResponseContent.InputText.class), type(ResponseContent.InputImage.class),
			type(ResponseContent.OutputText.class), type(ResponseContent.Refusal.class),
			type(ResponseContent.SummaryText.class), type(ResponseContent.Other.class), type(Response.class),
			type(Response.IncompleteDetails.class), type(ResponseUsage.class),
			type(ResponseUsage.InputTokensDetails.class), type(ResponseUsage.OutputTokensDetails.class),
			type(ResponseError.class), type(ResponseDeletion.class), type(ResponseStreamEvent.class),
			type(ResponseStreamEvent.Created.class), type(ResponseStreamEvent.InProgress.class),
			type(ResponseStreamEvent.Queued.class), type(ResponseStreamEvent.Completed.class),
			type(ResponseStreamEvent.Incomplete.class), type(ResponseStreamEvent.Failed.class),
			type(ResponseStreamEvent.OutputItemAdded.class), type(ResponseStreamEvent.OutputItemDone.class),
			type(ResponseStreamEvent.ContentPartAdded.class), type(ResponseStreamEvent.ContentPartDone.class),
			type(ResponseStreamEvent.OutputTextDelta.class), type(ResponseStreamEvent.OutputTextDone.class),
			type(ResponseStreamEvent.RefusalDelta.class), type(ResponseStreamEvent.RefusalDone.class),
			type(ResponseStreamEvent.FunctionCallArgumentsDelta.class),
			type(ResponseStreamEvent.FunctionCallArgumentsDone.class),
			type(ResponseStreamEvent.ReasoningSummaryPartAdded.class),
			type(ResponseStreamEvent.ReasoningSummaryPartDone.class),
			type(ResponseStreamEvent.ReasoningSummaryTextDelta.class),
			type(ResponseStreamEvent.ReasoningSummaryTextDone.class), type(ResponseStreamEvent.Error.class),
			type(ResponseStreamEvent.Unknown.class), type(ResponseStreamEvent.Lifecycle.class),
			TypeReference.of("io.github.openaiboot.responses.DefaultResponsesClient$ItemPage"),
			TypeReference.of("io.github.openaiboot.responses.RawJsonSerializer"),
			TypeReference.of("io.github.openaiboot.responses.ToolChoiceSerializer"),
			// fine-tuning
			TypeReference.of("io.github.openaiboot.finetuning.FineTuningJobRequest"),
			TypeReference.of("io.github.openaiboot.finetuning.FineTuningJob"),
			TypeReference.of("io.github.openaiboot.finetuning.FineTuningJob$JobError"),
			TypeReference.of("io.github.openaiboot.finetuning.FineTuningJobEvent"),
			TypeReference.of("io.github.openaiboot.finetuning.FineTuningCheckpoint"),
			TypeReference.of("io.github.openaiboot.finetuning.FineTuningMethod"),
			TypeReference.of("io.github.openaiboot.finetuning.FineTuningMethod$Supervised"),
			TypeReference.of("io.github.openaiboot.finetuning.FineTuningMethod$Dpo"),
			TypeReference.of("io.github.openaiboot.finetuning.FineTuningMethod$Reinforcement"),
			TypeReference.of("io.github.openaiboot.finetuning.Hyperparameters"),
			TypeReference.of("io.github.openaiboot.finetuning.Hyperparameter"),
			TypeReference.of("io.github.openaiboot.finetuning.DefaultFineTuningClient$JobPage"),
			TypeReference.of("io.github.openaiboot.finetuning.DefaultFineTuningClient$EventPage"),
			TypeReference.of("io.github.openaiboot.finetuning.DefaultFineTuningClient$CheckpointPage"),
			// batches
			TypeReference.of("io.github.openaiboot.batch.BatchRequest"),
			TypeReference.of("io.github.openaiboot.batch.Batch"),
			TypeReference.of("io.github.openaiboot.batch.Batch$Errors"),
			TypeReference.of("io.github.openaiboot.batch.Batch$BatchError"),
			TypeReference.of("io.github.openaiboot.batch.Batch$RequestCounts"),
			TypeReference.of("io.github.openaiboot.batch.Batch$BatchUsage"),
			TypeReference.of("io.github.openaiboot.batch.DefaultBatchClient$InputLine"),
			TypeReference.of("io.github.openaiboot.batch.DefaultBatchClient$BatchPage"),
			// audio
			type(Transcription.class), type(Transcription.Word.class), type(Transcription.Segment.class),
			type(Transcription.Logprob.class), type(Transcription.SpeakerSegment.class),
			TypeReference.of("io.github.openaiboot.audio.Transcription$AnySegment"), type(TranscriptionUsage.class),
			type(TranscriptionUsage.InputTokenDetails.class), type(TranscriptionEvent.class),
			type(TranscriptionEvent.Delta.class), type(TranscriptionEvent.Done.class),
			type(TranscriptionEvent.Segment.class), type(TranscriptionEvent.Unknown.class), type(SpeechRequest.class),
			type(SpeechEvent.class), type(SpeechEvent.Delta.class), type(SpeechEvent.Done.class),
			type(SpeechEvent.Unknown.class), type(SpeechUsage.class),
			// moderation
			type(ModerationRequest.class), type(ModerationInput.class), type(ModerationInput.ImageUrl.class),
			type(ModerationResponse.class), type(ModerationResponse.Result.class),
			// files
			type(OpenAiFile.class), type(FileDeletion.class),
			TypeReference.of("io.github.openaiboot.file.DefaultFilesClient$FileList"),
			type(io.github.openaiboot.file.Upload.class), type(io.github.openaiboot.file.UploadPart.class),
			TypeReference.of("io.github.openaiboot.file.DefaultFilesClient$CreateUpload"),
			TypeReference.of("io.github.openaiboot.file.DefaultFilesClient$ExpiresAfter"),
			TypeReference.of("io.github.openaiboot.file.DefaultFilesClient$CompleteUpload"),
			// realtime
			TypeReference.of("io.github.openaiboot.realtime.RealtimeServerEvent$SessionEvent"),
			TypeReference.of("io.github.openaiboot.realtime.RealtimeServerEvent$Session"),
			TypeReference.of("io.github.openaiboot.realtime.RealtimeServerEvent$ResponseEvent"),
			TypeReference.of("io.github.openaiboot.realtime.RealtimeServerEvent$TextDelta"),
			TypeReference.of("io.github.openaiboot.realtime.RealtimeServerEvent$TextDone"),
			TypeReference.of("io.github.openaiboot.realtime.RealtimeServerEvent$AudioDelta"),
			TypeReference.of("io.github.openaiboot.realtime.RealtimeServerEvent$InputAudioBufferEvent"),
			TypeReference.of("io.github.openaiboot.realtime.RealtimeServerEvent$InputAudioTranscription"),
			TypeReference.of("io.github.openaiboot.realtime.RealtimeServerEvent$FunctionCallArguments"),
			TypeReference.of("io.github.openaiboot.realtime.RealtimeServerEvent$RateLimitsUpdated"),
			TypeReference.of("io.github.openaiboot.realtime.RealtimeServerEvent$RateLimit"),
			TypeReference.of("io.github.openaiboot.realtime.RealtimeServerEvent$Error"),
			TypeReference.of("io.github.openaiboot.realtime.RealtimeServerEvent$ErrorDetail"),
			TypeReference.of("io.github.openaiboot.realtime.RealtimeResponse"),
			TypeReference.of("io.github.openaiboot.realtime.RealtimeUsage"),
			TypeReference.of("io.github.openaiboot.realtime.RealtimeUsage$InputTokenDetails"),
			TypeReference.of("io.github.openaiboot.realtime.RealtimeUsage$CachedTokensDetails"),
			TypeReference.of("io.github.openaiboot.realtime.RealtimeUsage$OutputTokenDetails"),
			TypeReference.of("io.github.openaiboot.realtime.RealtimeClientSecret"),
			// error and usage
			type(OpenAiError.class), type(OpenAiErrorKind.class), type(Usage.class),
			type(Usage.PromptTokensDetails.class), type(Usage.CompletionTokensDetails.class));

	/**
	 * The exception types, whose constructors and accessors are kept for frameworks that
	 * create or read them reflectively (error rendering, serialization of failures).
	 */
	static final List<Class<? extends OpenAiException>> EXCEPTION_TYPES = List.of(OpenAiException.class,
			RateLimitException.class, QuotaExceededException.class, AuthenticationException.class,
			PermissionDeniedException.class, InvalidRequestException.class, ContentFilterException.class,
			OpenAiServerException.class, OpenAiTransportException.class, StreamErrorException.class,
			io.github.openaiboot.realtime.RealtimeConnectionException.class);

	/**
	 * The vocabularies of the encodings that {@code TokenCounter} chooses from, as JTokkit
	 * names them inside its jar.
	 */
	static final List<String> VOCABULARIES = List.of("com/knuddels/jtokkit/o200k_base.tiktoken",
			"com/knuddels/jtokkit/cl100k_base.tiktoken");

	private static final MemberCategory[] BINDING = { MemberCategory.INVOKE_DECLARED_CONSTRUCTORS,
			MemberCategory.INVOKE_DECLARED_METHODS, MemberCategory.ACCESS_DECLARED_FIELDS };

	private static final MemberCategory[] EXCEPTION = { MemberCategory.INVOKE_PUBLIC_CONSTRUCTORS,
			MemberCategory.INVOKE_PUBLIC_METHODS };

	@Override
	public void registerHints(RuntimeHints hints, @Nullable ClassLoader classLoader) {
		ReflectionHints reflection = hints.reflection();
		BindingReflectionHintsRegistrar binding = new BindingReflectionHintsRegistrar();
		for (TypeReference type : BOUND_TYPES) {
			reflection.registerType(type, BINDING);
			Class<?> loaded = load(type, classLoader);
			if (loaded != null) {
				// adds what Jackson reaches from each type: generic element types, annotations' classes
				binding.registerReflectionHints(reflection, loaded);
			}
		}
		EXCEPTION_TYPES.forEach((type) -> reflection.registerType(type, EXCEPTION));
		VOCABULARIES.forEach(hints.resources()::registerPattern);
	}

	private static TypeReference type(Class<?> type) {
		return TypeReference.of(type);
	}

	private static @Nullable Class<?> load(TypeReference type, @Nullable ClassLoader classLoader) {
		try {
			return Class.forName(type.getName(), false,
					(classLoader != null) ? classLoader : OpenAiRuntimeHints.class.getClassLoader());
		}
		catch (ClassNotFoundException ex) {
			return null;
		}
	}

}
