package dev.shellbus.events.serde;

import java.util.ArrayList;
import org.apache.avro.Schema;
import org.apache.avro.specific.SpecificData;
import org.apache.avro.specific.SpecificDatumReader;

/**
 * A SpecificDatumReader that reads arrays into {@link ArrayList}s.
 *
 * <p>Avro's own {@code GenericData.Array} implements {@code equals} with the conversion-less {@code GenericData.get()}
 * model, so two decoded results whose steps hold timestamps throw "Unknown datum type java.time.Instant" when
 * compared. Plain lists compare element by element with the records' own {@code equals}. Avro's fast reader builds
 * {@code GenericData.Array}s itself, so the reader runs on a private model with the fast reader off (see {@link
 * #modelFor(Class)}). The initial capacity is capped so that a forged element count cannot reserve memory the bytes
 * do not back.
 */
final class PlainListDatumReader<T> extends SpecificDatumReader<T> {

  private static final int MAX_INITIAL_CAPACITY = 256;

  PlainListDatumReader(Schema writer, Schema reader, SpecificData model) {
    super(writer, reader, model);
  }

  /** Returns a model with the generated class's logical-type conversions and the fast reader disabled. */
  static SpecificData modelFor(Class<?> recordClass) {
    SpecificData generated = SpecificData.getForClass(recordClass);
    SpecificData model = new SpecificData(generated.getClassLoader());
    generated.getConversions().forEach(model::addLogicalTypeConversion);
    model.setFastReaderEnabled(false);
    return model;
  }

  @Override
  protected Object newArray(Object old, int size, Schema schema) {
    return new ArrayList<>(Math.max(0, Math.min(size, MAX_INITIAL_CAPACITY)));
  }
}
